package dev.credence.consent.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authentication settings of the Keycloak realm {@code local/keycloak/credence-realm.json} (the
 * file {@code ./credence up}, the end-to-end suite and the dev cluster import). Plain JUnit: it
 * parses the file and asserts what a security review relies on, so that a weakening edit fails the
 * build. Behaviour against a running Keycloak 26 (tokens, redirects, lockout) was checked by
 * importing the file as a throwaway realm; docs/architecture.md, "Security", lists the settings.
 */
class RealmSecurityTest {
  // -Dcredence.realm-file=... checks another realm file (such as a production realm) the same way
  static final Path REALM =
      Path.of(
          System.getProperty(
              "credence.realm-file",
              Path.of("..", "local", "keycloak", "credence-realm.json").toString()));
  static final String PASSWORD_GRANT_CLIENT = "credence-cli";
  static final String PORTAL = "credence-portal";
  static final Set<String> HUMAN_ROLES = Set.of("individual", "officer", "operator", "auditor");

  static JsonNode realm;

  @BeforeAll
  static void read() throws IOException {
    realm = new ObjectMapper().readTree(Files.readString(REALM));
  }

  static List<JsonNode> clients() {
    List<JsonNode> all = new ArrayList<>();
    realm.path("clients").forEach(all::add);
    assertFalse(all.isEmpty(), "the realm has clients");
    return all;
  }

  static boolean hasClient(String clientId) {
    return clients().stream().anyMatch(c -> c.path("clientId").asText().equals(clientId));
  }

  static Set<String> strings(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void tokensAndSessionsAreShortLived() {
    assertTrue(
        Set.of("external", "all").contains(realm.path("sslRequired").asText()), "sslRequired");
    int access = realm.path("accessTokenLifespan").asInt(0);
    assertTrue(access > 0 && access <= 300, "access tokens live at most 5 minutes: " + access);
    // explicit, not Keycloak's defaults (which a server-wide change would silently move); the
    // portal's session-age-extension (30M) is sized on the idle timeout
    assertEquals(1800, realm.path("ssoSessionIdleTimeout").asInt(0), "SSO idle timeout 30 min");
    int max = realm.path("ssoSessionMaxLifespan").asInt(0);
    assertTrue(max > 0 && max <= 8 * 3600, "SSO sessions end after at most 8 h: " + max);
    assertFalse(realm.path("registrationAllowed").asBoolean(true), "no self-registration");
  }

  @Test
  void refreshTokensRotateAndAreNeverReused() {
    // RFC 9700 4.14: a public client's refresh tokens are rotated, so a stolen one that was
    // already used is refused (and one used by the thief first makes the portal's next refresh
    // fail, ending the session); the e2e suite proves both against Keycloak (RealmSecurityIT,
    // PortalBrowserIT)
    assertTrue(realm.path("revokeRefreshToken").asBoolean(false), "revokeRefreshToken");
    assertEquals(0, realm.path("refreshTokenMaxReuse").asInt(-1), "refreshTokenMaxReuse");
  }

  @Test
  void passwordGuessingIsThrottled() {
    assertTrue(realm.path("bruteForceProtected").asBoolean(false), "brute-force detection on");
    // temporary lockout: a permanent one would let anyone disable a person's account by guessing
    assertFalse(realm.path("permanentLockout").asBoolean(true), "lockout is temporary");
    int failures = realm.path("failureFactor").asInt(0);
    assertTrue(failures > 0 && failures <= 10, "locked after at most 10 failures: " + failures);
    assertTrue(realm.path("waitIncrementSeconds").asInt(0) >= 60, "waitIncrementSeconds");
    assertTrue(realm.path("maxFailureWaitSeconds").asInt(0) >= 900, "maxFailureWaitSeconds");
  }

  @Test
  void passwordsFollowAPolicyTheDemoUsersMeet() {
    String policy = realm.path("passwordPolicy").asText("");
    Matcher length = Pattern.compile("(?:^| )length\\((\\d+)\\)").matcher(policy);
    assertTrue(length.find(), "a minimum length: " + policy);
    int min = Integer.parseInt(length.group(1));
    assertTrue(min >= 12, "at least 12 characters: " + policy);
    assertTrue(policy.contains("notUsername"), policy);
    assertTrue(policy.contains("notEmail"), policy);
    // the import applies the policy: a demo password it refused would break ./credence up
    for (JsonNode user : realm.path("users")) {
      for (JsonNode credential : user.path("credentials")) {
        String password = credential.path("value").asText();
        String who = user.path("username").asText();
        assertTrue(password.length() >= min, who + "'s demo password meets the minimum length");
        assertNotEquals(who, password, who);
        assertNotEquals(user.path("email").asText(), password, who);
      }
    }
  }

  @Test
  void onlyTheDemoCliAllowsThePasswordGrantAndNoClientTheImplicitFlow() {
    for (JsonNode client : clients()) {
      String id = client.path("clientId").asText();
      assertFalse(client.path("implicitFlowEnabled").asBoolean(true), id + ": implicit flow off");
      assertEquals(
          id.equals(PASSWORD_GRANT_CLIENT),
          client.path("directAccessGrantsEnabled").asBoolean(true),
          id + ": the password grant only on the local demo/test client " + PASSWORD_GRANT_CLIENT);
    }
    if (!hasClient(PASSWORD_GRANT_CLIENT)) {
      return; // a production realm has none
    }
    JsonNode cli = client(PASSWORD_GRANT_CLIENT);
    assertFalse(cli.path("standardFlowEnabled").asBoolean(true), "the CLI has no browser flow");
    assertFalse(cli.path("serviceAccountsEnabled").asBoolean(true), "nor a service account");
  }

  @Test
  void publicBrowserClientsMustUsePkceS256() {
    for (JsonNode client : clients()) {
      if (client.path("publicClient").asBoolean(false)
          && client.path("standardFlowEnabled").asBoolean(true)) {
        assertEquals(
            "S256",
            client.path("attributes").path("pkce.code.challenge.method").asText(),
            client.path("clientId").asText() + ": PKCE S256 enforced");
      }
    }
  }

  @Test
  void redirectsGoOnlyToThePortalsOwnPaths() {
    for (JsonNode client : clients()) {
      String id = client.path("clientId").asText();
      for (String uri : strings(client.path("redirectUris"))) {
        // Keycloak allows a '*' only at the end; "/*" on a bare host would let the code (and, at
        // logout, the browser) be sent to any path of it (the API, Swagger UI, ...)
        assertTrue(
            uri.matches("https?://[^/*]+/portal/\\*"),
            id + ": redirect URI limited to /portal/ of one origin: " + uri);
      }
      for (String uri :
          client.path("attributes").path("post.logout.redirect.uris").asText("").split("##")) {
        if (!uri.isEmpty()) {
          assertTrue(
              uri.matches("https?://[^/*]+/portal/signed-out"),
              id + ": post-logout redirect is exactly the signed-out page: " + uri);
        }
      }
      for (String origin : strings(client.path("webOrigins"))) {
        assertFalse(origin.contains("*"), id + ": no wildcard web origin: " + origin);
      }
    }
    assertFalse(client(PORTAL).path("redirectUris").isEmpty(), "the portal has redirect URIs");
  }

  @Test
  void everyTokenIsForTheCredenceApiAudience() {
    for (JsonNode client : clients()) {
      String id = client.path("clientId").asText();
      boolean audience = false;
      for (JsonNode mapper : client.path("protocolMappers")) {
        if (mapper.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
          JsonNode config = mapper.path("config");
          assertEquals("credence-api", config.path("included.custom.audience").asText(), id);
          assertEquals("true", config.path("access.token.claim").asText(), id);
          // an ID token naming credence-api would be accepted by the services as an access token
          assertEquals("false", config.path("id.token.claim").asText(), id);
          audience = true;
        }
      }
      assertTrue(audience, id + ": an audience mapper for credence-api");
    }
  }

  @Test
  void tokensCarryOnlyTheRolesTheirClientIsFor() {
    Map<String, Set<String>> scopes = new TreeMap<>();
    for (JsonNode mapping : realm.path("scopeMappings")) {
      scopes.put(mapping.path("client").asText(), strings(mapping.path("roles")));
    }
    Map<String, Set<String>> serviceAccounts = new TreeMap<>();
    for (JsonNode user : realm.path("users")) {
      if (user.hasNonNull("serviceAccountClientId")) {
        String client = user.path("serviceAccountClientId").asText();
        assertTrue(user.path("clientRoles").isMissingNode(), client + ": no client roles");
        Set<String> roles = strings(user.path("realmRoles"));
        assertEquals(1, roles.size(), client + "'s service account holds one role: " + roles);
        serviceAccounts.put(client, roles);
      }
    }
    for (JsonNode client : clients()) {
      String id = client.path("clientId").asText();
      // full scope would put every realm role of the user (an operator's, an auditor's) into any
      // client's token; each client's token carries only the roles mapped to its scope below
      assertFalse(client.path("fullScopeAllowed").asBoolean(true), id + ": fullScopeAllowed off");
      Set<String> scope = scopes.getOrDefault(id, Set.of());
      if (client.path("serviceAccountsEnabled").asBoolean(false)) {
        assertEquals(serviceAccounts.get(id), scope, id + ": scope = its service account's role");
      } else {
        assertTrue(HUMAN_ROLES.containsAll(scope), id + ": only people's roles: " + scope);
      }
    }
    // the portal is for individuals: an operator or auditor signing in gets no privileged token
    assertEquals(Set.of("individual"), scopes.get(PORTAL), "the portal's scope");
  }

  @Test
  void nobodyGetsOfflineAccessOrOtherRolesByDefault() {
    JsonNode defaultRole = realm.path("defaultRole");
    assertEquals("default-roles-credence", defaultRole.path("name").asText());
    assertFalse(defaultRole.path("composite").asBoolean(true), "the default role grants nothing");
    for (JsonNode role : realm.path("roles").path("realm")) {
      if (role.path("name").asText().equals("default-roles-credence")) {
        assertFalse(role.path("composite").asBoolean(true), "no offline_access by default");
        assertTrue(role.path("composites").isMissingNode(), "no composites");
      }
    }
  }

  static JsonNode client(String clientId) {
    return clients().stream()
        .filter(c -> c.path("clientId").asText().equals(clientId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no client " + clientId));
  }
}
