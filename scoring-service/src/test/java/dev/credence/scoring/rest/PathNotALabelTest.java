package dev.credence.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

/**
 * A path refused before routing never becomes a metrics label: its raw text was the {@code uri}
 * label of {@code http_server_requests}, so anyone could write into the label set and an identifier
 * in a mistyped path stayed in {@code /q/metrics}.
 */
@QuarkusTest
class PathNotALabelTest {
  static final String CANARY = "LEAKCANARY-";

  @Test
  @TestSecurity(user = "demo-lender", roles = "lender")
  void aPathRefusedBeforeRoutingIsNotAMetricsLabel() {
    given()
        .urlEncodingEnabled(false)
        .get("/v1/disclosures/LEAKCANARY-123-45-6789%00")
        .then()
        .statusCode(400)
        .body("type", endsWith("/validation-failed"));
    given().urlEncodingEnabled(false).get("/LEAKCANARY-555-12-3456%01").then().statusCode(400);

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertFalse(
        metrics.contains(CANARY),
        () -> metrics.lines().filter(l -> l.contains(CANARY)).toList().toString());
  }
}
