package dev.credence.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SchemaResourceTest {

  @Test
  @TestSecurity(user = "demo-furnisher", roles = "furnisher")
  void listsThePublishedSchemasWithTheirVersions() {
    given()
        .when()
        .get("/v1/schemas")
        .then()
        .statusCode(200)
        .body(
            "category",
            contains(
                "TRADELINE",
                "PAYMENT",
                "PUBLIC_RECORD",
                "ALT_PAYMENT",
                "INCOME",
                "TAX_COMPLIANCE",
                "REGULATORY_PENALTY",
                "COURT_JUDGMENT",
                "TRADE_PAYMENT"))
        .body("version", everyItem(equalTo(1)))
        .body("subjectType[5]", equalTo("ORGANISATION"))
        .body("consentRequired", contains(true, true, true, true, true, false, false, false, true))
        .body("href", hasItems("/v1/schemas/TRADELINE", "/v1/schemas/PAYMENT"));
  }

  @Test
  @TestSecurity(user = "demo-auditor", roles = "auditor")
  void servesTheClosedTradelineSchema() {
    given()
        .when()
        .get("/v1/schemas/tradeline")
        .then()
        .statusCode(200)
        .body("$schema", equalTo("https://json-schema.org/draft/2020-12/schema"))
        .body("additionalProperties", equalTo(false))
        .body("properties.paymentHistoryProfile.pattern", equalTo("^[0123456BCDEGHJKL-]{24}$"))
        .body("required", hasItems("accountType", "openedOn", "currentBalance", "accountStatus"));
  }

  @Test
  @TestSecurity(user = "demo-operator", roles = "operator")
  void answers404ProblemForACategoryWithoutASchema() {
    given()
        .when()
        .get("/v1/schemas/INQUIRY")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("https://credence.dev/problems/not-found"));
  }

  @Test
  @TestSecurity(user = "demo-lender", roles = "lender")
  void answers403ProblemToALender() {
    given()
        .when()
        .get("/v1/schemas")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  void answersLivenessWithoutAToken() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void includesTheDatabaseAndKafkaInReadiness() {
    // UP or DOWN depends on whether a broker runs here; that both are checked does not.
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .body(
            "checks.name",
            hasItems(
                "Database connections health check",
                "SmallRye Reactive Messaging - readiness check"));
  }

  @Test
  void documentsTheIntakeAndItsProblemsInOpenApi() {
    given()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths.'/v1/records'.post.responses.'422'.description", containsString("prohibited"))
        .body("paths.'/v1/records'.post.responses.'413'", notNullValue())
        .body("components.schemas.RecordBatch", notNullValue());
  }
}
