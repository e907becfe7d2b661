package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.credence.common.testing.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A personal value sent in a request (a national id, a subject id) never comes back in an error,
 * never reaches the log and never becomes a metrics label, on the paths where it used to: a JSON
 * value of the wrong shape (Quarkus' own mapper answered it, not as a problem document) and a path
 * refused before routing (its raw text was the {@code uri} label of {@code http_server_requests}).
 */
@QuarkusTest
class PersonalDataEchoTest {
  static final String CANARY = "LEAKCANARY-";

  final CapturedLog log = new CapturedLog();

  @BeforeEach
  void captureTheLog() {
    log.start();
  }

  @AfterEach
  void stopCapturing() {
    log.stop();
  }

  @Test
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void aNationalIdSentWhereAnObjectIsExpectedIsAProblemDocumentThatDoesNotEchoIt() {
    // a lender naming the subject by its national id alone, not as {identifierType, identifier}
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"subject":"LEAKCANARY-123-45-6789","purpose":"ACCOUNT_REVIEW",
             "categories":["TRADELINE"]}""")
        .post("/v1/consent-requests")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", endsWith("/malformed-request"))
        .body("detail", equalTo("Field 'subject' does not match the expected structure"))
        .body(not(containsString(CANARY)));
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"subject":{"identifierType":"NATIONAL_ID","identifier":["LEAKCANARY-987"]},
             "purpose":"ACCOUNT_REVIEW","categories":["TRADELINE"]}""")
        .post("/v1/consent-requests")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", endsWith("/malformed-request"))
        .body(not(containsString(CANARY)));
    assertEquals(List.of(), log.mentioning(CANARY));
  }

  @Test
  @TestSecurity(user = "alice", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = "0a11ce00-0000-4000-8000-00000000e401"))
  void aBareNationalIdAsTheWholeBodyIsAProblemDocumentThatDoesNotEchoIt() {
    // the body is the national id itself, not {"nationalId": ...}: it was a bare 400, no body
    given()
        .contentType(ContentType.JSON)
        .body("\"LEAKCANARY-555-12-3456\"")
        .put("/v1/subjects/me")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", endsWith("/malformed-request"))
        .body("detail", equalTo("The request body does not match the expected structure"))
        .body(not(containsString(CANARY)));
    assertEquals(List.of(), log.mentioning(CANARY));
  }

  @Test
  @TestSecurity(user = "audrey", roles = "auditor")
  void aPathRefusedBeforeRoutingIsNotAMetricsLabel() {
    // refused by the control-character and body-limit filters, before any route matched: the
    // HTTP metrics used the raw path as the uri label (anyone could write into it, and a subject
    // id or identifier in a mistyped path stayed in /q/metrics)
    given()
        .urlEncodingEnabled(false)
        .get("/v1/organisations/LEAKCANARY-ORG/officers/LEAKCANARY-SUBJECT-0a11ce%00")
        .then()
        .statusCode(400)
        .body("type", endsWith("/validation-failed"));
    given()
        .urlEncodingEnabled(false)
        .get("/LEAKCANARY-555-12-3456%01")
        .then()
        .statusCode(400)
        .body("type", endsWith("/validation-failed"));
    given()
        .contentType(ContentType.JSON)
        .body(new byte[1024 * 1024 + 1])
        .put("/v1/subjects/LEAKCANARY-555-12-3457")
        .then()
        .statusCode(413)
        .body("type", endsWith("/payload-too-large"));

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertFalse(
        metrics.contains(CANARY),
        () -> metrics.lines().filter(l -> l.contains(CANARY)).toList().toString());
  }
}
