package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.consent.service.ConsentService;
import dev.credence.consent.service.SubjectService;
import dev.credence.consent.support.Terms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/** Receipts verify offline with the published key set and fail when tampered with. */
@QuarkusTest
class ConsentReceiptTest {
  static final String ERIN = "0e714000-0000-4000-8000-000000000005";

  @Inject SubjectService subjects;
  @Inject ConsentService consents;

  private static boolean verifies(String compact, String jwksJson) throws JoseException {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(compact);
    JsonWebKey key =
        new VerificationJwkSelector().select(jws, new JsonWebKeySet(jwksJson).getJsonWebKeys());
    if (key == null) {
      return false;
    }
    jws.setKey(key.getKey());
    return jws.verifySignature();
  }

  private UUID grantAndRevoke() {
    subjects.enrolPerson(ERIN, "erin-sub", null);
    var consent = consents.grant(ERIN, Terms.demoLenderCreditApplication(2), ERIN);
    consents.revoke(ERIN, consent.id, ERIN, "no longer needed");
    return consent.id;
  }

  @Test
  @TestSecurity(user = "erin", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = ERIN))
  void grantAndRevocationReceiptsVerifyWithThePublishedKeyAndFailWhenTampered() throws Exception {
    UUID consentId = grantAndRevoke();
    List<String> receipts =
        given()
            .get("/v1/consents/" + consentId + "/receipts")
            .then()
            .statusCode(200)
            .body("kind", contains("GRANT", "REVOCATION"))
            .extract()
            .path("jws");
    String jwks =
        given().auth().none().get("/v1/receipt-keys").then().statusCode(200).extract().asString();

    for (String receipt : receipts) {
      assertTrue(verifies(receipt, jwks), "receipt verifies with the published key");
    }

    String[] parts = receipts.get(1).split("\\.");
    Map<String, Object> payload =
        JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(parts[1])));
    assertEquals("KI-CR-v1.1.0", payload.get("version"));
    assertEquals(ERIN, payload.get("piiPrincipalId"));
    @SuppressWarnings("unchecked")
    Map<String, Object> credence = (Map<String, Object>) payload.get("credence");
    assertEquals("REVOKED", credence.get("event"));
    assertEquals(ERIN, credence.get("actedBy"));
    assertEquals(false, credence.get("actedOnBehalf"));
    assertEquals(consentId.toString(), credence.get("consentId"));
    // who the grantee is, as registered, and how to reach the controller (Kantara v1.1)
    @SuppressWarnings("unchecked")
    Map<String, Object> grantee = (Map<String, Object>) credence.get("grantee");
    assertEquals("Demo Bank plc", grantee.get("legalName"));
    assertEquals("+44 20 0000 0001", grantee.get("phone"));
    @SuppressWarnings("unchecked")
    Map<String, Object> service = ((List<Map<String, Object>>) payload.get("services")).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> purpose = ((List<Map<String, Object>>) service.get("purposes")).get(0);
    assertEquals("Demo Bank plc (demo-lender)", purpose.get("thirdPartyName"));
    @SuppressWarnings("unchecked")
    Map<String, Object> controller =
        ((List<Map<String, Object>>) payload.get("piiControllers")).get(0);
    assertEquals("Credence local demo, 1 Example Street, Demo City", controller.get("address"));
    assertEquals("+44 20 0000 0000", controller.get("phone"));

    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]))
                    .replace("\"REVOKED\"", "\"ACTIVE\"")
                    .getBytes());
    String tampered = parts[0] + "." + forged + "." + parts[2];
    assertFalse(verifies(tampered, jwks), "a tampered receipt must not verify");
  }

  @Test
  @TestSecurity(user = "bob", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = "0b0b0000-0000-4000-8000-0000000000ff"))
  void anotherPersonCannotDownloadTheReceipts() {
    UUID consentId = grantAndRevoke();
    given().get("/v1/consents/" + consentId + "/receipts").then().statusCode(404);
  }

  @Test
  void theKeySetIsPublicAndHoldsNoPrivatePart() {
    String jwks = given().get("/v1/receipt-keys").then().statusCode(200).extract().asString();
    assertFalse(jwks.contains("\"d\""), "no private key material");
    assertThrows(Exception.class, () -> verifies("not.a.jws", jwks));
  }
}
