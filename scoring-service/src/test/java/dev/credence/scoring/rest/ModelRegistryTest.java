package dev.credence.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.Purpose;
import dev.credence.scoring.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The model registry end to end on its own application instance (its own profile, so promoting a
 * champion here never changes the model other test classes score with): the configured model is the
 * champion at start, registration validates, the status machine and its history hold, a challenger
 * scores in shadow without being disclosed, and a promoted challenger scores live.
 */
@QuarkusTest
@TestProfile(ModelRegistryTest.Isolated.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelRegistryTest {
  /** A separate app instance (and a database cleaned at its start). */
  public static class Isolated implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("credence.scoring.batch-limit", "100");
    }
  }

  static final String PROBLEM_JSON = "application/problem+json";
  static final ObjectMapper JSON = new ObjectMapper();
  static String subjectNationalId;

  @Inject TestData data;

  static ObjectNode starter() throws Exception {
    try (InputStream in =
        ModelRegistryTest.class
            .getClassLoader()
            .getResourceAsStream("models/person-starter-v1.json")) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  static ObjectNode register(ObjectNode definition, ObjectNode report) {
    ObjectNode body = JSON.createObjectNode();
    body.set("definition", definition);
    if (report != null) {
      body.set("validationReport", report);
    }
    return body;
  }

  /**
   * The comparison for a subject type after exactly one shadowed request whose champion and
   * challenger fell in different bands (grades).
   */
  static void assertOneShadowedRequest(
      String subjectType,
      String champion,
      int championScore,
      String challenger,
      int challengerScore) {
    given()
        .queryParam("subjectType", subjectType)
        .get("/v1/models/comparison")
        .then()
        .statusCode(200)
        .body("champion", equalTo(champion))
        .body("challenger", equalTo(challenger))
        .body("requests", equalTo(1))
        .body("bothScored", equalTo(1))
        .body("meanChampionScore", equalTo((float) championScore))
        .body("meanChallengerScore", equalTo((float) challengerScore))
        .body("meanAbsoluteDifference", equalTo((float) Math.abs(championScore - challengerScore)))
        .body("bandAgreement", equalTo(0.0f));
  }

  static io.restassured.response.ValidatableResponse status(String key, String to, String why) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("status", to, "reason", why))
        .post("/v1/models/" + key + "/status")
        .then();
  }

  @Test
  @Order(1)
  @TestSecurity(user = "olga", roles = "operator")
  void theConfiguredModelIsTheChampionAtFirstStart() {
    given()
        .get("/v1/models/person-synthetic-v2")
        .then()
        .statusCode(200)
        .body("model.status", equalTo("CHAMPION"))
        .body("model.registeredBy", equalTo("system"))
        .body("history.to", org.hamcrest.Matchers.contains("DRAFT", "CHAMPION"))
        .body("definition.id", equalTo("person-synthetic"));
  }

  @Test
  @Order(2)
  @TestSecurity(user = "olga", roles = "operator")
  void registrationValidatesTheModelAndRefusesADuplicate() throws Exception {
    ObjectNode bad = starter();
    bad.put("version", "9");
    ((ObjectNode) bad.withArray("features").get(0)).put("name", "marital_status");
    given()
        .contentType(ContentType.JSON)
        .body(register(bad, null).toString())
        .post("/v1/models")
        .then()
        .statusCode(422)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/invalid-model"))
        .body("problems", hasItem(containsString("protected attribute")));
    given().get("/v1/models").then().statusCode(200).body("key", not(hasItem("person-starter-v9")));

    // an id that cannot name the model in a URL is refused before anything is stored (it once
    // registered, then answered 500 building the Location header)
    ObjectNode spaced = starter();
    spaced.put("id", "my model");
    given()
        .contentType(ContentType.JSON)
        .body(register(spaced, null).toString())
        .post("/v1/models")
        .then()
        .statusCode(422)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/invalid-model"))
        .body("problems", hasItem(containsString("id must be 1 to 64 letters")));
    given().get("/v1/models").then().statusCode(200).body("key", not(hasItem("my model-v1")));

    ObjectNode synthetic =
        JSON.createObjectNode().put("id", "person-synthetic").put("version", "2");
    ObjectNode again = starter();
    again.setAll(synthetic);
    given()
        .contentType(ContentType.JSON)
        .body(register(again, null).toString())
        .post("/v1/models")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://credence.dev/problems/model-exists"));
  }

  @Test
  @Order(3)
  @TestSecurity(user = "olga", roles = "operator")
  void theStatusMachineHoldsAndEveryChangeIsRecorded() throws Exception {
    ObjectNode v2 = starter().put("version", "2");
    given()
        .contentType(ContentType.JSON)
        .body(register(v2, null).toString())
        .post("/v1/models")
        .then()
        .statusCode(201)
        .body("model.status", equalTo("DRAFT"))
        .body("model.registeredBy", equalTo("olga"));
    status("person-starter-v2", "VALIDATED", "looks fine")
        .statusCode(422)
        .body("type", equalTo("https://credence.dev/problems/validation-report-required"));

    ObjectNode report = JSON.createObjectNode();
    report.putObject("test").put("auc", 0.0);
    given()
        .contentType(ContentType.JSON)
        .body(register(starter(), report).toString())
        .post("/v1/models")
        .then()
        .statusCode(201);
    status("person-starter-v1", "CHAMPION", "skip validation")
        .statusCode(409)
        .body("type", equalTo("https://credence.dev/problems/model-transition-not-allowed"));
    status("person-starter-v1", "VALIDATED", " ").statusCode(400);
    status("person-starter-v1", "VALIDATED", "report reviewed by the model risk team")
        .statusCode(200)
        .body("model.status", equalTo("VALIDATED"));
    status("person-starter-v1", "CHALLENGER", "compare on live traffic")
        .statusCode(200)
        .body("model.status", equalTo("CHALLENGER"))
        .body("validationReport.test.auc", equalTo(0.0f))
        .body("history.to", org.hamcrest.Matchers.contains("DRAFT", "VALIDATED", "CHALLENGER"))
        .body("history.actor", org.hamcrest.Matchers.contains("olga", "olga", "olga"))
        .body("history[2].reason", equalTo("compare on live traffic"));
    status("person-synthetic-v2", "RETIRED", "no champion left")
        .statusCode(409)
        .body("detail", containsString("promoting another champion"));
  }

  @Test
  @Order(4)
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void theChallengerScoresInShadowAndIsNeverDisclosed() {
    subjectNationalId = TestData.newNationalId();
    String subjectId = data.enrol(subjectNationalId);
    data.tradeline(subjectId, TestData.goodTradeline());
    data.grant(subjectId, "demo-lender", Purpose.ACCOUNT_REVIEW);

    String disclosureId =
        ScoreResourceTest.requestScore(subjectNationalId, "ACCOUNT_REVIEW")
            .statusCode(200)
            .body("model.id", equalTo("person-synthetic"))
            .body("score", equalTo(703))
            .body(not(containsString("person-starter")))
            .extract()
            .path("disclosureId");
    assertEquals(
        1,
        data.count(
            "select count(*) from shadow_score where disclosure_id = cast(?1 as uuid)"
                + " and challenger_key = 'person-starter-v1' and challenger_score = 768"
                + " and champion_score = 703",
            disclosureId));
    assertEquals(
        0,
        data.count(
            "select count(*) from disclosure where model_id = 'person-starter'"
                + " or cast(features as text) like '%person-starter%'"));
    assertEquals(
        0,
        data.count(
            "select count(*) from outbox_event where cast(payload as text) like '%person-starter%'"));
  }

  @Test
  @Order(5)
  @TestSecurity(user = "alex", roles = "auditor")
  void anAuditorReadsTheComparisonButCannotChangeAnything() {
    assertOneShadowedRequest("PERSON", "person-synthetic-v2", 703, "person-starter-v1", 768);
    status("person-starter-v1", "CHAMPION", "auditor tries").statusCode(403);
    given()
        .get("/v1/models/comparison?subjectType=person")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/validation-failed"))
        .body("detail", containsString("subjectType"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"definition\":{}}")
        .post("/v1/models")
        .then()
        .statusCode(403);
  }

  @Test
  @Order(6)
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void aLenderCannotSeeTheRegistry() {
    given().get("/v1/models").then().statusCode(403);
    given().get("/v1/models/comparison").then().statusCode(403);
  }

  @Test
  @Order(7)
  @TestSecurity(user = "olga", roles = "operator")
  void promotingTheChallengerRetiresTheOldChampion() {
    status("person-starter-v1", "CHAMPION", "better on shadow traffic")
        .statusCode(200)
        .body("model.status", equalTo("CHAMPION"));
    given()
        .get("/v1/models/person-synthetic-v2")
        .then()
        .statusCode(200)
        .body("model.status", equalTo("RETIRED"))
        .body("history[-1].reason", containsString("replaced by person-starter-v1"))
        .body("history[-1].actor", equalTo("olga"));
    status("person-synthetic-v2", "CHAMPION", "back").statusCode(409);
    given().get("/v1/models/nope-v1").then().statusCode(404).contentType(PROBLEM_JSON);
  }

  @Test
  @Order(8)
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void theNewChampionScoresLive() {
    ScoreResourceTest.requestScore(subjectNationalId, "ACCOUNT_REVIEW")
        .statusCode(200)
        .body("model.id", equalTo("person-starter"))
        .body("score", equalTo(768));
  }
}
