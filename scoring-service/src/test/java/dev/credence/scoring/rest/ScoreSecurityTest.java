package dev.credence.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class ScoreSecurityTest {
  public static final String BODY =
      "{\"subject\":{\"identifierType\":\"NATIONAL_ID\",\"identifier\":\"X-1\"},\"purpose\":\"CREDIT_APPLICATION\"}";

  /** A score request with this Authorization header (none when null), expected to be refused. */
  public static void assertUnauthorizedProblem(String authorization) {
    var request = given().contentType(ContentType.JSON).body(BODY);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    request
        .when()
        .post("/v1/scores")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("type", equalTo("https://credence.dev/problems/unauthorized"));
  }

  @Test
  void aRequestWithoutATokenIs401Problem() {
    assertUnauthorizedProblem(null);
  }

  @Test
  void readingADisclosureWithoutATokenIs401Problem() {
    given()
        .when()
        .get("/v1/disclosures/" + UUID.randomUUID())
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }

  @Test
  @TestSecurity(user = "demo-furnisher", roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-furnisher"))
  void aFurnisherMayNotRequestScores() {
    given()
        .contentType(ContentType.JSON)
        .body(BODY)
        .when()
        .post("/v1/scores")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://credence.dev/problems/forbidden"));
  }

  @Test
  @TestSecurity(user = "someone", roles = "individual")
  void anIndividualMayNotReadDisclosures() {
    given().when().get("/v1/disclosures/" + UUID.randomUUID()).then().statusCode(403);
  }

  @Test
  void healthAndOpenApiAreServed() {
    given().when().get("/q/health/live").then().statusCode(200);
    given()
        .when()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("paths.'/v1/scores'.post.summary", equalTo("Score a subject"));
  }
}
