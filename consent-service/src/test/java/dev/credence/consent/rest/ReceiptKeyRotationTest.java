package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

/**
 * After the receipt key is rotated, the earlier public key stays in the published set: receipts and
 * access-log checkpoints signed with it still verify, offline and through the API.
 */
@QuarkusTest
@TestProfile(ReceiptKeyRotationTest.WithARetiredKey.class)
class ReceiptKeyRotationTest {
  static final KeyPair RETIRED = generate();
  static final Path RETIRED_PEM = write(RETIRED);
  static final KeyPair MOUNTED = generate();
  static final Path MOUNTED_DIR = mountLikeASecret(MOUNTED);

  public static class WithARetiredKey implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "credence.receipts.retired-verification-key-files", RETIRED_PEM.toString(),
          "credence.receipts.retired-verification-key-dir", MOUNTED_DIR.toString());
    }
  }

  /**
   * A directory laid out as Kubernetes mounts a secret: the real files in a hidden timestamped
   * directory, {@code ..data} linking to it, and each key name a link through {@code ..data}; plus
   * a file that is no key ({@code README}), which is not read.
   */
  static Path mountLikeASecret(KeyPair pair) {
    try {
      Path dir = Files.createTempDirectory("retired-receipt-keys");
      Path stamped = Files.createDirectory(dir.resolve("..2026_11_30_12_00_00.000000001"));
      Files.copy(write(pair), stamped.resolve("2026-11.pem"));
      Files.writeString(stamped.resolve("README"), "not a key");
      Files.createSymbolicLink(dir.resolve("..data"), stamped.getFileName());
      Files.createSymbolicLink(dir.resolve("2026-11.pem"), Path.of("..data", "2026-11.pem"));
      Files.createSymbolicLink(dir.resolve("README"), Path.of("..data", "README"));
      return dir;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair generate() {
    try {
      return KeyUtils.generateKeyPair(256, SignatureAlgorithm.ES256);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Path write(KeyPair pair) {
    try {
      Path pem = Files.createTempFile("retired-receipt-key", ".pem");
      pem.toFile().deleteOnExit();
      Files.writeString(
          pem,
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
              + "\n-----END PUBLIC KEY-----\n");
      return pem;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String retiredKid() throws Exception {
    return kid(RETIRED);
  }

  static String kid(KeyPair pair) throws Exception {
    return PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic())
        .calculateBase64urlEncodedThumbprint("SHA-256");
  }

  static String signWithRetired(String payload, String typ) throws Exception {
    return signWith(RETIRED, payload, typ);
  }

  static String signWith(KeyPair pair, String payload, String typ) throws Exception {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(payload);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    jws.setKeyIdHeaderValue(kid(pair));
    jws.setHeader("typ", typ);
    jws.setKey(pair.getPrivate());
    return jws.getCompactSerialization();
  }

  @Test
  void theRetiredKeyIsPublishedBesideTheCurrentOne() throws Exception {
    given()
        .get("/v1/receipt-keys")
        .then()
        .statusCode(200)
        .body("keys", hasSize(3))
        .body("keys.kid", hasItem(retiredKid()))
        .body("keys.kid", hasItem(kid(MOUNTED)))
        .body("keys.d", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
  }

  @Test
  @TestSecurity(user = "audrey", roles = "auditor")
  void aCheckpointSignedBeforeTheRotationStillVerifiesAndOneOfAnUnknownKeyDoesNot()
      throws Exception {
    String payload =
        "{\"log\":\"credence-access-log\",\"sequence\":0,\"entryHash\":\""
            + "0".repeat(64)
            + "\",\"issuedAt\":\"2026-01-01T00:00:00Z\"}";
    String old = signWithRetired(payload, "access-log-checkpoint+jws");
    given()
        .contentType(ContentType.JSON)
        .body("{\"jws\":\"" + old + "\"}")
        .post("/v1/access-log/checkpoint/verify")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true));
    // and one signed with the key found in the mounted directory
    given()
        .contentType(ContentType.JSON)
        .body("{\"jws\":\"" + signWith(MOUNTED, payload, "access-log-checkpoint+jws") + "\"}")
        .post("/v1/access-log/checkpoint/verify")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true));

    KeyPair stranger = generate();
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(payload);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    jws.setKeyIdHeaderValue(retiredKid()); // claims the retired key's id, signed by another
    jws.setHeader("typ", "access-log-checkpoint+jws");
    jws.setKey(stranger.getPrivate());
    given()
        .contentType(ContentType.JSON)
        .body("{\"jws\":\"" + jws.getCompactSerialization() + "\"}")
        .post("/v1/access-log/checkpoint/verify")
        .then()
        .statusCode(422)
        .body("type", endsWith("/invalid-checkpoint"));
  }
}
