package dev.credence.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(HttpsRequiredTest.RequireHttps.class)
class HttpsRequiredTest {

  public static class RequireHttps implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "credence.scoring.require-https", "true",
          // as behind a TLS-terminating ingress
          "quarkus.http.proxy.proxy-address-forwarding", "true",
          "quarkus.http.proxy.allow-x-forwarded", "true");
    }
  }

  @Test
  void refusesScoreRequestsOverPlainHttp() {
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .when()
        .post("/v1/scores")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://credence.dev/problems/https-required"));
  }

  @Test
  void refusesDisclosureReadsOverPlainHttp() {
    given()
        .when()
        .get("/v1/disclosures/00000000-0000-0000-0000-000000000000")
        .then()
        .statusCode(403)
        .body("type", equalTo("https://credence.dev/problems/https-required"));
  }

  @Test
  void letsHttpsRequestsThrough() {
    given()
        .header("X-Forwarded-Proto", "https")
        .contentType(ContentType.JSON)
        .body("{}")
        .when()
        .post("/v1/scores")
        .then()
        .statusCode(401)
        .body("type", not(equalTo("https://credence.dev/problems/https-required")));
  }

  @Test
  void leavesHealthChecksOnPlainHttp() {
    given().when().get("/q/health/live").then().statusCode(200);
  }
}
