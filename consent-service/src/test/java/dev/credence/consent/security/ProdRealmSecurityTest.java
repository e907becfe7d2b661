package dev.credence.consent.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production realm import ({@code k8s/overlays/prod/realm-import.yaml}, generated from the
 * local realm by {@code k8s/render-realm-import.py}) under every rule of {@link RealmSecurityTest},
 * and what production adds: TLS on every request, no user, no client but the portal's, nothing of
 * the demo.
 */
class ProdRealmSecurityTest extends RealmSecurityTest {
  static final Path IMPORT = Path.of("..", "k8s", "overlays", "prod", "realm-import.yaml");

  /** Hides {@link RealmSecurityTest#read()}: the realm comes from the prod import. */
  @BeforeAll
  static void read() throws IOException {
    JsonNode doc = new YAMLMapper().readTree(Files.readString(IMPORT));
    assertEquals("KeycloakRealmImport", doc.path("kind").asText());
    realm = doc.path("spec").path("realm");
  }

  @Test
  void productionRequiresTlsEverywhereAndHoldsNothingOfTheDemo() {
    assertEquals("all", realm.path("sslRequired").asText(), "TLS for every request");
    assertTrue(realm.path("users").isMissingNode(), "no user is imported");
    assertEquals(1, clients().size(), "only the portal's client");
    assertEquals(PORTAL, clients().get(0).path("clientId").asText());
    assertFalse(hasClient(PASSWORD_GRANT_CLIENT), "no password-grant client");
    assertFalse(realm.toString().toLowerCase().contains("demo"), "no demo value");
    for (String uri : strings(client(PORTAL).path("redirectUris"))) {
      assertTrue(uri.startsWith("https://"), "https redirect: " + uri);
    }
  }
}
