package dev.credence.scoring.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.credence.common.events.Purpose;
import dev.credence.scoring.TestData;
import dev.credence.scoring.rest.ScoreResourceTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache with real tokens: Quarkus OIDC checks RS256 tokens this test signs
 * (issuer, audience, expiry, signature against the profile's public key), as it checks Keycloak's.
 * Every case asks the lender API and reads the cache's hit and miss counters.
 */
@QuarkusTest
@TestProfile(TokenCacheTest.RealTokens.class)
class TokenCacheTest {
  static final String ISSUER = "https://issuer.token-cache.test/realms/credence";

  /** The test key pair, made once per build (never committed). */
  static final Path KEYS = Path.of("target", "token-cache-test");

  public static class RealTokens implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.oidc.tenant-enabled",
          "true",
          "quarkus.oidc.public-key",
          publicKey(),
          "quarkus.oidc.token.issuer",
          ISSUER);
    }
  }

  @Inject MeterRegistry meters;
  @Inject TestData data;
  @Inject TokenCache cache;

  @BeforeEach
  void emptyCache() {
    cache.clear();
  }

  @Test
  void aVerifiedTokenIsServedFromTheCacheUntilItExpires() {
    String token = token("lender-a", "lender", Instant.now().plusSeconds(4), ISSUER);
    double hits = count("hit");
    double misses = count("miss");

    readDisclosure(token).statusCode(404); // authenticated: the disclosure does not exist
    assertEquals(misses + 1, count("miss"), "the first use is checked by OIDC");
    readDisclosure(token).statusCode(404);
    readDisclosure(token).statusCode(404);
    assertEquals(hits + 2, count("hit"), "the next uses come from the cache");

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> readDisclosure(token).statusCode(401));
    double hitsAfterExpiry = count("hit");
    readDisclosure(token).statusCode(401);
    assertEquals(hitsAfterExpiry, count("hit"), "an expired token is never served from the cache");
  }

  @Test
  void aTamperedCopyOfACachedTokenIsCheckedAgainAndRefused() {
    String token = token("lender-a", "lender", Instant.now().plusSeconds(60), ISSUER);
    readDisclosure(token).statusCode(404);

    String[] parts = token.split("\\.");
    String otherLender =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("lender-a", "lender-b")
                    .getBytes(StandardCharsets.UTF_8));
    String editedClaims = parts[0] + "." + otherLender + "." + parts[2];
    char last = parts[2].charAt(parts[2].length() - 2);
    String badSignature =
        parts[0]
            + "."
            + parts[1]
            + "."
            + parts[2].substring(0, parts[2].length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + parts[2].charAt(parts[2].length() - 1);

    double hits = count("hit");
    readDisclosure(editedClaims).statusCode(401);
    readDisclosure(badSignature).statusCode(401);
    readDisclosure(token + " ").statusCode(404); // the same token, trailing space trimmed
    assertEquals(hits + 1, count("hit"), "only the genuine token is served from the cache");
  }

  @Test
  void aTokenTheCheckRefusesIsNeverCached() {
    String foreign = token("lender-a", "lender", Instant.now().plusSeconds(60), "https://other");
    double misses = count("miss");
    double hits = count("hit");

    readDisclosure(foreign).statusCode(401);
    readDisclosure(foreign).statusCode(401);

    assertEquals(misses + 2, count("miss"));
    assertEquals(hits, count("hit"));
  }

  @Test
  void theRoleCheckStillAppliesToACachedToken() {
    String furnisher = token("furnisher-a", "furnisher", Instant.now().plusSeconds(60), ISSUER);
    double hits = count("hit");

    readDisclosure(furnisher).statusCode(403);
    readDisclosure(furnisher).statusCode(403);

    assertEquals(hits + 1, count("hit"), "served from the cache, and still refused");
  }

  @Test
  void eachCachedTokenKeepsItsOwnCaller() {
    String lenderA = token("lender-a", "lender", Instant.now().plusSeconds(60), ISSUER);
    String lenderB = token("lender-b", "lender", Instant.now().plusSeconds(60), ISSUER);
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    data.tradeline(subjectId, TestData.goodTradeline());
    data.grant(subjectId, "lender-a", Purpose.ACCOUNT_REVIEW);
    readDisclosure(lenderB).statusCode(404); // B's token is cached first
    double hits = count("hit");

    String disclosureId = score(lenderA, nationalId).statusCode(200).extract().path("disclosureId");

    readDisclosure(lenderA, disclosureId).statusCode(200); // A's, from the cache
    readDisclosure(lenderB, disclosureId).statusCode(404); // not B's, from the cache
    readDisclosure(lenderB).statusCode(404);
    score(lenderB, nationalId).statusCode(403); // B holds no consent
    assertEquals(hits + 4, count("hit"));
  }

  /** An account-review score of this person, asked with this token. */
  private static io.restassured.response.ValidatableResponse score(
      String token, String nationalId) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(ScoreResourceTest.body(nationalId, "ACCOUNT_REVIEW", null))
        .when()
        .post("/v1/scores")
        .then();
  }

  private static io.restassured.response.ValidatableResponse readDisclosure(String token) {
    return readDisclosure(token, UUID.randomUUID().toString());
  }

  private static io.restassured.response.ValidatableResponse readDisclosure(
      String token, String id) {
    return given().auth().oauth2(token).when().get("/v1/disclosures/" + id).then();
  }

  private double count(String result) {
    return meters.get("credence.security.token.cache").tag("result", result).counter().count();
  }

  /** A Keycloak-shaped client-credentials access token, signed with the test key. */
  static String token(String clientId, String role, Instant expiresAt, String issuer) {
    return Jwt.issuer(issuer)
        .subject("service-account-" + clientId)
        .audience("credence-api")
        .claim("azp", clientId)
        .claim("realm_access", Map.of("roles", List.of(role)))
        .issuedAt(Instant.now().minusSeconds(1))
        .expiresAt(expiresAt)
        .jws()
        .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
        .sign(privateKey());
  }

  /** The base64 X.509 public key, making the pair first if this build has none yet. */
  static synchronized String publicKey() {
    try {
      Path pub = KEYS.resolve("public.b64");
      Path priv = KEYS.resolve("private.b64");
      if (!Files.exists(pub) || !Files.exists(priv)) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(KEYS);
        Files.writeString(priv, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        Files.writeString(pub, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
      }
      return Files.readString(pub).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static PrivateKey privateKey() {
    try {
      publicKey();
      byte[] der = Base64.getDecoder().decode(Files.readString(KEYS.resolve("private.b64")).trim());
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
