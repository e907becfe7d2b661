package dev.credence.ingestion.rest;

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
 * A personal value a furnisher sends (a subject's national id) never comes back in an error, never
 * reaches the log and never becomes a metrics label, on the paths where it used to: a JSON value of
 * the wrong shape (Quarkus' own mapper answered it, not as a problem document) and a path refused
 * before routing (its raw text was the {@code uri} label of {@code http_server_requests}).
 */
@QuarkusTest
class PersonalDataEchoTest {
  static final String FURNISHER = "demo-furnisher";
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
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aNationalIdSentWhereAnObjectIsExpectedIsAProblemDocumentThatDoesNotEchoIt() {
    // the subject named by its national id alone, not as {identifierType, identifier}
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"records":[{"furnisherRecordId":"rec-1","category":"TRADELINE",
             "subject":"LEAKCANARY-123-45-6789","data":{}}]}""")
        .post("/v1/records")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", endsWith("/malformed-request"))
        .body("detail", equalTo("Field 'records[0].subject' does not match the expected structure"))
        .body(not(containsString(CANARY)));
    assertEquals(List.of(), log.mentioning(CANARY));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aPathRefusedBeforeRoutingIsNotAMetricsLabel() {
    // refused by the control-character filter before any route matched: the HTTP metrics used the
    // raw path as the uri label (anyone could write into it; an identifier in a mistyped path
    // stayed in /q/metrics)
    given()
        .urlEncodingEnabled(false)
        .get("/v1/records/LEAKCANARY-123-45-6789%00")
        .then()
        .statusCode(400)
        .body("type", endsWith("/validation-failed"));

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertFalse(
        metrics.contains(CANARY),
        () -> metrics.lines().filter(l -> l.contains(CANARY)).toList().toString());
  }
}
