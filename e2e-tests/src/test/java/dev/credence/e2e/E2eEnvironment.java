package dev.credence.e2e;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * Where the suite under test runs. Read from the environment ({@code E2E_*}, set by {@code
 * ./credence test}); the defaults are the dev instance started by {@code ./credence up}.
 */
final class E2eEnvironment {
  final String keycloakUrl = env("E2E_KEYCLOAK_URL", "http://127.0.0.1:8180");
  final String consentUrl = env("E2E_CONSENT_URL", "http://127.0.0.1:8081");
  final String ingestionUrl = env("E2E_INGESTION_URL", "http://127.0.0.1:8082");
  final String scoringUrl = env("E2E_SCORING_URL", "https://127.0.0.1:8443");
  final String kafka = env("E2E_KAFKA", "127.0.0.1:9092");
  final Path caPem =
      Path.of(
          env(
              "E2E_CA_PEM",
              System.getProperty("credence.e2e.default-ca-pem", ".credence/dev/tls/ca.pem")));

  /**
   * The password of Keycloak's bootstrap admin ({@code KC_ADMIN_PASSWORD}, generated per instance
   * by {@code ./credence} into its {@code secrets.env}); only the tests that change a client's
   * settings for their duration need it.
   */
  String keycloakAdminPassword() {
    String fromEnv = System.getenv("E2E_KEYCLOAK_ADMIN_PASSWORD");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    Path secrets = caPem.getParent().getParent().resolve("secrets.env");
    try {
      for (String line : java.nio.file.Files.readAllLines(secrets)) {
        if (line.startsWith("KC_ADMIN_PASSWORD=")) {
          return line.substring("KC_ADMIN_PASSWORD=".length()).replace("'", "").replace("\"", "");
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("set E2E_KEYCLOAK_ADMIN_PASSWORD: no readable " + secrets, e);
    }
    throw new IllegalStateException("set E2E_KEYCLOAK_ADMIN_PASSWORD: none in " + secrets);
  }

  /** No request may hang the suite: connect within 10 s, answer within 30 s. */
  private final RestAssuredConfig plainConfig =
      RestAssuredConfig.config()
          .httpClient(
              HttpClientConfig.httpClientConfig()
                  .setParam("http.connection.timeout", 10_000)
                  .setParam("http.socket.timeout", 30_000));

  private final RestAssuredConfig tlsConfig;

  E2eEnvironment() {
    // Verify the scoring service's certificate against the local CA (never trust-all): the
    // default hostname verifier of REST Assured is strict, so the SAN must match 127.0.0.1.
    tlsConfig = plainConfig.sslConfig(SSLConfig.sslConfig().trustStore(trustStore(caPem)));
  }

  RequestSpecification keycloak() {
    return new RequestSpecBuilder().setBaseUri(keycloakUrl).setConfig(plainConfig).build();
  }

  RequestSpecification consent() {
    return new RequestSpecBuilder().setBaseUri(consentUrl).setConfig(plainConfig).build();
  }

  RequestSpecification ingestion() {
    return new RequestSpecBuilder().setBaseUri(ingestionUrl).setConfig(plainConfig).build();
  }

  RequestSpecification scoring() {
    return new RequestSpecBuilder().setBaseUri(scoringUrl).setConfig(tlsConfig).build();
  }

  String describe() {
    return "keycloak="
        + keycloakUrl
        + " consent="
        + consentUrl
        + " ingestion="
        + ingestionUrl
        + " scoring="
        + scoringUrl
        + " ca="
        + caPem;
  }

  /** A trust store holding every certificate of a PEM file. */
  static KeyStore trustStore(Path pem) {
    if (!Files.isReadable(pem)) {
      throw new IllegalStateException(
          "CA certificate "
              + pem
              + " not found: set E2E_CA_PEM (./credence test does) or start the dev stack with"
              + " ./credence up");
    }
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalStateException("no certificate in " + pem);
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("credence-ca-" + i++, certificate);
      }
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the CA certificate " + pem, e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
