package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsentResourceTest {
  static final String ALICE = "0a11ce00-0000-4000-8000-000000000001";
  static final String BOB = "0b0b0000-0000-4000-8000-000000000002";
  static final String DORA = "0d0a0000-0000-4000-8000-000000000202";
  static final String PROBLEM = "application/problem+json";

  @Inject EntityManager em;

  private long count(String sql, Object... params) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              var q = em.createNativeQuery(sql);
              for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
              }
              return ((Number) q.getSingleResult()).longValue();
            });
  }

  private static String enrolAndGrant(String nationalId, String body) {
    given()
        .contentType(ContentType.JSON)
        .body("{\"nationalId\":\"" + nationalId + "\"}")
        .put("/v1/subjects/me")
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/consents")
        .then()
        .statusCode(201)
        .body("status", equalTo("ACTIVE"))
        .extract()
        .path("id");
  }

  static final String DISCLOSE_BODY =
      """
      {"granteeId":"demo-lender","direction":"DISCLOSE","purpose":"CREDIT_APPLICATION",
       "categories":["TRADELINE"]}""";

  @Test
  @TestSecurity(user = "alice", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = ALICE))
  void grantsListsAndRevokesAConsentWithCompleteHistoryAndEvents() {
    String id = enrolAndGrant("ALICE-TEST-0001", DISCLOSE_BODY);

    given().get("/v1/consents?status=ACTIVE").then().statusCode(200).body("id", hasItem(id));
    given()
        .get("/v1/consents/" + id)
        .then()
        .body("grantee.clientId", equalTo("demo-lender"))
        .body("grantee.registered", equalTo(true))
        .body("grantee.name", equalTo("Demo Bank"))
        .body("grantee.address", equalTo("1 Test Street, Test City"));

    given()
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"changed my mind\"}")
        .post("/v1/consents/" + id + "/revoke")
        .then()
        .statusCode(200)
        .body("status", equalTo("REVOKED"));

    given().get("/v1/consents?status=ACTIVE").then().statusCode(200).body("id", not(hasItem(id)));
    given()
        .get("/v1/consents/" + id + "/history")
        .then()
        .statusCode(200)
        .body("toStatus", contains("ACTIVE", "REVOKED"))
        .body("[1].reason", equalTo("changed my mind"))
        .body("[1].changedBy", equalTo(ALICE));

    assertEquals(
        2,
        count(
            "select count(*) from outbox_event where type = 'consent.changed'"
                + " and payload->'payload'->>'consentId' = ?1 and message_key = ?2",
            id,
            ALICE));
    assertEquals(
        1,
        count(
            "select count(*) from outbox_event where type = 'consent.changed'"
                + " and topic = 'credence.consent.v1.test'"
                + " and payload->'payload'->>'consentId' = ?1"
                + " and payload->'payload'->>'status' = 'REVOKED'"
                + " and (payload->'payload'->>'sequence')::int = 2",
            id));
  }

  @Test
  @TestSecurity(user = "alice", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = ALICE))
  void everyChangeAlsoGoesToTheCompactedStateTopicKeyedByConsent() {
    String id = enrolAndGrant("ALICE-TEST-0001", DISCLOSE_BODY);
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/consents/" + id + "/revoke")
        .then()
        .statusCode(200);
    assertEquals(
        2,
        count(
            "select count(*) from outbox_event where topic = 'credence.consent-state.v1.test'"
                + " and message_key = ?1",
            "consent:" + id));
    assertEquals(
        1,
        count(
            "select count(*) from outbox_event where topic = 'credence.consent-state.v1.test'"
                + " and message_key = ?1 and type = 'subject.registered'",
            "subject:" + ALICE));
  }

  @Test
  @TestSecurity(user = "alice", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = ALICE))
  void enrolmentKeepsOnlyAKeyedHashOfTheNationalId() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"nationalId\":\"ALICE-TEST-0001\"}")
        .put("/v1/subjects/me")
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(200, 201))
        .body("subjectId", equalTo(ALICE))
        .body("identifiersOnFile", contains("NATIONAL_ID"));
    assertEquals(
        0,
        count(
            "select count(*) from subject_identifier where identifier_hash like '%ALICE%'"
                + " or identifier_hash like '%0001%'"));
    assertEquals(1, count("select count(*) from subject_identifier where subject_id = ?1", ALICE));
  }

  @Test
  @TestSecurity(user = "bob", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = BOB))
  void aPersonCannotSeeOrRevokeAnotherPersonsConsent() {
    String alicesConsent = aliceConsentId();
    given()
        .contentType(ContentType.JSON)
        .body("{\"nationalId\":\"BOB-TEST-0002\"}")
        .put("/v1/subjects/me")
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    given()
        .get("/v1/consents/" + alicesConsent)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", endsWith("/consent-not-found"));
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/consents/" + alicesConsent + "/revoke")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    given().get("/v1/consents").then().statusCode(200).body("subjectId", not(hasItem(ALICE)));
  }

  private String aliceConsentId() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              @SuppressWarnings("unchecked")
              List<Object> ids =
                  em.createNativeQuery("select cast(id as text) from consent where subject_id = ?1")
                      .setParameter(1, ALICE)
                      .getResultList();
              return ids.isEmpty() ? UUID.randomUUID().toString() : (String) ids.get(0);
            });
  }

  @Test
  @TestSecurity(user = "carol", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = "0ca401a0-0000-4000-8000-000000000003"))
  void invalidTermsAreRefusedWithProblemDetailsAndNothingIsStored() {
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .put("/v1/subjects/me")
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    long before = count("select count(*) from consent");

    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"granteeId":"demo-lender","direction":"DISCLOSE","purpose":"CREDIT_APPLICATION",
             "categories":["TRADELINE"],"expiresAt":"2020-01-01T00:00:00Z"}""")
        .post("/v1/consents")
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("type", endsWith("/invalid-consent-terms"))
        .body("errors.field", hasItem("expiresAt"));

    // a grantee no operator registered, and one registered as the other kind
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"granteeId":"demo-lendr","direction":"DISCLOSE","purpose":"CREDIT_APPLICATION",
             "categories":["TRADELINE"]}""")
        .post("/v1/consents")
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("type", endsWith("/invalid-consent-terms"))
        .body("errors.field", equalTo(java.util.List.of("granteeId")))
        .body("errors[0].message", containsString("not a lender or data furnisher registered"));
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"granteeId":"demo-furnisher","direction":"DISCLOSE","purpose":"CREDIT_APPLICATION",
             "categories":["TRADELINE"]}""")
        .post("/v1/consents")
        .then()
        .statusCode(422)
        .body("errors.field", equalTo(java.util.List.of("granteeId")))
        .body("errors[0].message", containsString("registered as a data furnisher"));
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"granteeId":"demo-lender","direction":"COLLECT","purpose":"FURNISHING",
             "categories":["TRADELINE"]}""")
        .post("/v1/consents")
        .then()
        .statusCode(422)
        .body("errors.field", equalTo(java.util.List.of("granteeId")))
        .body("errors[0].message", containsString("registered as a lender"));

    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"granteeId":"demo-lender","direction":"DISCLOSE","purpose":"ASTROLOGY",
             "categories":["TRADELINE"]}""")
        .post("/v1/consents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("purpose"));

    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"granteeId":"demo-lender","direction":"DISCLOSE","purpose":"CREDIT_APPLICATION",
             "categories":["HOROSCOPE"]}""")
        .post("/v1/consents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);

    given()
        .contentType(ContentType.JSON)
        .body("{\"granteeId\": ")
        .post("/v1/consents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", endsWith("/malformed-request"));

    given()
        .contentType(ContentType.JSON)
        .body("{\"direction\":\"DISCLOSE\",\"categories\":[]}")
        .post("/v1/consents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", endsWith("/validation-failed"))
        .body("errors.field", hasItem("granteeId"));

    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"granteeId":"demo-lender","direction":"DISCLOSE","purpose":"CREDIT_APPLICATION",
             "categories":["TRADELINE"],"colour":"blue"}""")
        .post("/v1/consents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("colour"));

    assertEquals(before, count("select count(*) from consent"));
  }

  @Test
  @TestSecurity(user = "dora", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = DORA))
  void aNationalIdOfOnlySeparatorsIsAValidationFailureNamingTheFieldNotTheValue() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"nationalId\":\"----\"}")
        .put("/v1/subjects/me")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", endsWith("/validation-failed"))
        .body("errors.field", contains("nationalId"))
        .body(not(org.hamcrest.Matchers.containsString("----")));
    assertEquals(0, count("select count(*) from subject where id = ?1", DORA));
  }

  @Test
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void aConsentRequestNamingAnIdentifierOfOnlySeparatorsIsAValidationFailure() {
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"subject":{"identifierType":"NATIONAL_ID","identifier":"...."},
             "purpose":"CREDIT_APPLICATION","categories":["TRADELINE"]}""")
        .post("/v1/consent-requests")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", endsWith("/validation-failed"))
        .body("errors.field", contains("subject.identifier"))
        .body(not(org.hamcrest.Matchers.containsString("....")));
  }

  @Test
  @TestSecurity(user = "carol", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = "0ca401a0-0000-4000-8000-000000000003"))
  void aControlCharacterInAFieldIsAValidationFailureNamingTheField() {
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .put("/v1/subjects/me")
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    long before = count("select count(*) from consent");
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"granteeId":"demo\\u0000lender","direction":"DISCLOSE","purpose":"CREDIT_APPLICATION",
             "categories":["TRADELINE"]}""")
        .post("/v1/consents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", endsWith("/validation-failed"))
        .body("errors.field", contains("granteeId"))
        .body("errors.message", contains("must not contain control characters"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"nationalId\":\"AB\\u0000CD-1234\"}")
        .put("/v1/subjects/me")
        .then()
        .statusCode(400)
        .body("type", endsWith("/validation-failed"))
        .body("errors.field", contains("nationalId"));
    assertEquals(before, count("select count(*) from consent"));
  }

  @Test
  @TestSecurity(user = "carol", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = "0ca401a0-0000-4000-8000-000000000003"))
  void aUsageLimitBelowOneIsAValidationFailure() {
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .put("/v1/subjects/me")
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"granteeId":"demo-lender","direction":"DISCLOSE","purpose":"CREDIT_APPLICATION",
             "categories":["TRADELINE"],"usageLimit":0}""")
        .post("/v1/consents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", endsWith("/validation-failed"))
        .body("errors.field", contains("usageLimit"));
  }

  @Test
  void callsWithoutATokenGetUnauthorizedProblem() {
    given()
        .get("/v1/consents")
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .body("type", endsWith("/unauthorized"))
        .body("status", equalTo(401));
  }

  @Test
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void aLenderCannotUseThePersonsConsentEndpoints() {
    given()
        .get("/v1/consents")
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("type", endsWith("/forbidden"))
        .body("detail", notNullValue());
  }

  @Test
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void aLenderAsksForConsentOfAnUnknownIdentifierAndGetsNotFound() {
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"subject":{"identifierType":"NATIONAL_ID","identifier":"NOBODY-9999"},
             "purpose":"CREDIT_APPLICATION","categories":["TRADELINE"]}""")
        .post("/v1/consent-requests")
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", endsWith("/unknown-subject"))
        .body("detail", not(org.hamcrest.Matchers.containsString("NOBODY")));
    given().get("/v1/consent-requests").then().statusCode(200);
  }

  @Test
  @TestSecurity(user = "alice", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = ALICE))
  void revokingTwiceIsHarmlessAndAnExpiredOrRevokedConsentCannotBeApproved() {
    String id = enrolAndGrant("ALICE-TEST-0001", DISCLOSE_BODY);
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/consents/" + id + "/revoke")
        .then()
        .statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/consents/" + id + "/revoke")
        .then()
        .statusCode(200)
        .body("status", equalTo("REVOKED"));
    given()
        .post("/v1/consents/" + id + "/approve")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("type", endsWith("/illegal-consent-transition"))
        .body("currentStatus", equalTo("REVOKED"));
    given()
        .get("/v1/consents/" + id + "/history")
        .then()
        .body("toStatus", contains("ACTIVE", "REVOKED"));
    given().get("/v1/consents?status=PENDING").then().body("$", empty());
  }

  @Test
  @TestSecurity(user = "carol", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = "0ca401a0-0000-4000-8000-000000000003"))
  void aStartAfterTheExpiryOrAnOversizedBodyIsRefusedAndNothingIsStored() {
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .put("/v1/subjects/me")
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    long before = count("select count(*) from consent");
    long events = count("select count(*) from outbox_event where type = 'consent.changed'");

    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"granteeId":"demo-lender","direction":"DISCLOSE","purpose":"CREDIT_APPLICATION",
             "categories":["TRADELINE"],"startsAt":"2030-06-01T00:00:00Z",
             "expiresAt":"2030-01-01T00:00:00Z"}""")
        .post("/v1/consents")
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("type", endsWith("/invalid-consent-terms"))
        .body("errors.message", hasItem("must be after startsAt"));

    String padding = "x".repeat(1_100_000);
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"granteeId\":\"demo-lender\",\"direction\":\"DISCLOSE\","
                + "\"purpose\":\"CREDIT_APPLICATION\",\"categories\":[\"TRADELINE\"],"
                + "\"note\":\""
                + padding
                + "\"}")
        .post("/v1/consents")
        .then()
        // refused before the body is read or any resource runs, as a problem document
        .statusCode(413)
        .contentType(PROBLEM)
        .body("type", endsWith("/payload-too-large"))
        .body("limit", equalTo(1048576));

    assertEquals(before, count("select count(*) from consent"));
    assertEquals(events, count("select count(*) from outbox_event where type = 'consent.changed'"));
  }
}
