package dev.credence.scoring.rest;

import static dev.credence.scoring.rest.ModelRegistryTest.JSON;
import static dev.credence.scoring.rest.ModelRegistryTest.PROBLEM_JSON;
import static dev.credence.scoring.rest.ModelRegistryTest.register;
import static dev.credence.scoring.rest.ModelRegistryTest.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.scoring.TestData;
import dev.credence.scoring.domain.RatingModelValidatorTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Organisation rating models in the registry, on their own application instance (promoting one here
 * never changes the model other test classes rate with): the configured rating model is the {@code
 * ORGANISATION} champion at first start, a rating model registers through the same endpoint and is
 * validated by the rating reader, it cannot be a challenger (ratings are not shadow-scored), and a
 * promoted rating model rates live.
 */
@QuarkusTest
@TestProfile(OrganisationModelRegistryTest.Isolated.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrganisationModelRegistryTest {
  /** A separate app instance (and a database cleaned at its start). */
  public static class Isolated implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("credence.scoring.batch-limit", "99");
    }
  }

  static String lei;

  @Inject TestData data;

  static ObjectNode ratingV1() throws Exception {
    return RatingModelValidatorTest.shipped();
  }

  @Test
  @Order(1)
  @TestSecurity(user = "olga", roles = "operator")
  void theConfiguredRatingModelIsTheOrganisationChampionAtFirstStart() {
    given()
        .get("/v1/models/organisation-rating-v3")
        .then()
        .statusCode(200)
        .body("model.subjectType", equalTo("ORGANISATION"))
        .body("model.status", equalTo("CHAMPION"))
        .body("model.registeredBy", equalTo("system"))
        .body("history.to", contains("DRAFT", "CHAMPION"))
        .body("history[1].reason", containsString("credence.scoring.organisation-model"))
        // stored verbatim from the model file
        .body("definition.repeatedPenalties", org.hamcrest.Matchers.notNullValue());
    given()
        .get("/v1/models")
        .then()
        .statusCode(200)
        .body("findAll { it.status == 'CHAMPION' }.key", hasItem("organisation-rating-v3"))
        .body("findAll { it.status == 'CHAMPION' }.key", hasItem("person-synthetic-v2"));
    given()
        .get("/q/health/ready")
        .then()
        // only this check: the others (Kafka, the database) may still be coming up
        .body("checks.find { it.name == 'scoring-models' }.status", equalTo("UP"))
        .body(
            "checks.find { it.name == 'scoring-models' }.data.organisation",
            equalTo("organisation-rating-v3"));
  }

  @Test
  @Order(2)
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void theSeededChampionRates() {
    lei = OrganisationScoreResourceTest.newLei();
    String subjectId = data.registerOrganisation(lei);
    record(subjectId, DataCategory.TAX_COMPLIANCE, taxCompliant());
    record(subjectId, DataCategory.REGULATORY_PENALTY, minorPenalty(20));
    record(subjectId, DataCategory.REGULATORY_PENALTY, minorPenalty(2));
    data.grantAll(subjectId, "demo-lender", Purpose.CREDIT_APPLICATION);

    OrganisationScoreResourceTest.requestRating(lei, "CREDIT_APPLICATION")
        .statusCode(200)
        .body("model.id", equalTo("organisation-rating"))
        .body("model.version", equalTo("3"))
        // 100 - 5 (minor, < 1 year) - 5 (the repeat rule, since v2) - 3 (minor, 1-3 years)
        .body("score", equalTo(87));
  }

  @Test
  @Order(3)
  @TestSecurity(user = "olga", roles = "operator")
  void aRatingModelIsValidatedByTheRatingRulesWhenRegistered() throws Exception {
    ObjectNode bad = ratingV1().put("version", "9");
    ((ObjectNode) bad.withArray("grades").get(0)).put("min", 150);
    given()
        .contentType(ContentType.JSON)
        .body(register(bad, null).toString())
        .post("/v1/models")
        .then()
        .statusCode(422)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/invalid-model"))
        .body("problems", hasItem(containsString("can never be reached")));
    given()
        .get("/v1/models")
        .then()
        .statusCode(200)
        .body("key", not(hasItem("organisation-rating-v9")));

    // a scorecard's shape under subjectType ORGANISATION is not a rating model
    ObjectNode scorecard = ModelRegistryTest.starter();
    scorecard.put("id", "organisation-scorecard").put("subjectType", "ORGANISATION");
    given()
        .contentType(ContentType.JSON)
        .body(register(scorecard, null).toString())
        .post("/v1/models")
        .then()
        .statusCode(422)
        .body("type", equalTo("https://credence.dev/problems/invalid-model"));

    given()
        .contentType(ContentType.JSON)
        .body(
            register(ratingV1().put("version", "3"), null).toString()) // the seeded champion's key
        .post("/v1/models")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://credence.dev/problems/model-exists"));
  }

  @Test
  @Order(4)
  @TestSecurity(user = "olga", roles = "operator")
  void aRegisteredRatingModelBecomesTheChallenger() throws Exception {
    ObjectNode report = JSON.createObjectNode();
    report.put("review", "deduction tables reviewed by compliance");
    given()
        .contentType(ContentType.JSON)
        .body(register(ratingV1(), report).toString())
        .post("/v1/models")
        .then()
        .statusCode(201)
        .body("model.key", equalTo("organisation-rating-v1"))
        .body("model.subjectType", equalTo("ORGANISATION"))
        .body("model.status", equalTo("DRAFT"))
        .body("model.registeredBy", equalTo("olga"));
    status("organisation-rating-v1", "VALIDATED", "report reviewed").statusCode(200);
    status("organisation-rating-v1", "CHALLENGER", "compare on live traffic")
        .statusCode(200)
        .body("model.status", equalTo("CHALLENGER"))
        .body("history.to", contains("DRAFT", "VALIDATED", "CHALLENGER"));
  }

  @Test
  @Order(5)
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void theChallengerRatesInShadowAndIsNeverDisclosed() {
    String disclosureId =
        OrganisationScoreResourceTest.requestRating(lei, "CREDIT_APPLICATION")
            .statusCode(200)
            .body("model.version", equalTo("3"))
            .body("score", equalTo(87))
            .body("organisation.grade", equalTo("B"))
            .extract()
            .path("disclosureId");
    assertEquals(
        1,
        data.count(
            "select count(*) from shadow_score where disclosure_id = cast(?1 as uuid)"
                + " and champion_key = 'organisation-rating-v3' and champion_outcome = 'SCORED'"
                + " and champion_score = 87 and champion_band = 'B'"
                + " and challenger_key = 'organisation-rating-v1'"
                + " and challenger_outcome = 'SCORED' and challenger_score = 92"
                + " and challenger_band = 'A'",
            disclosureId));
    assertEquals(
        0,
        data.count(
            "select count(*) from disclosure where model_id = 'organisation-rating'"
                + " and model_version = '1'"));
  }

  @Test
  @Order(6)
  @TestSecurity(user = "alex", roles = "auditor")
  void anAuditorComparesTheOrganisationModels() {
    ModelRegistryTest.assertOneShadowedRequest(
        "ORGANISATION", "organisation-rating-v3", 87, "organisation-rating-v1", 92);
    // the person comparison is its own: its challenger slot is empty
    given().get("/v1/models/comparison").then().statusCode(200).body("challenger", nullValue());
  }

  @Test
  @Order(7)
  @TestSecurity(user = "olga", roles = "operator")
  void promotingTheRatingChallengerRetiresTheOldChampionOnly() {
    status("organisation-rating-v1", "CHAMPION", "the repeat rule is withdrawn")
        .statusCode(200)
        .body("model.status", equalTo("CHAMPION"));
    given()
        .get("/v1/models/organisation-rating-v3")
        .then()
        .body("model.status", equalTo("RETIRED"))
        .body("history[-1].reason", containsString("replaced by organisation-rating-v1"));
    // the person champion is untouched
    given().get("/v1/models/person-synthetic-v2").then().body("model.status", equalTo("CHAMPION"));
  }

  @Test
  @Order(8)
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void thePromotedRatingModelRatesLive() {
    OrganisationScoreResourceTest.requestRating(lei, "CREDIT_APPLICATION")
        .statusCode(200)
        .body("model.id", equalTo("organisation-rating"))
        .body("model.version", equalTo("1"))
        // 100 - 5 (minor, < 1 year) - 3 (minor, 1-3 years): v1 has no repeat rule
        .body("score", equalTo(92))
        .body("organisation.deductions.reasonCode", not(hasItem("REPEATED_PENALTIES_IN_DOMAIN")));
  }

  private void record(String subjectId, DataCategory category, ObjectNode payload) {
    data.record(subjectId, category, payload);
  }

  private static ObjectNode taxCompliant() {
    return OrganisationScoreResourceTest.json()
        .put("status", "COMPLIANT")
        .put("periodEnd", TestData.TODAY.minusMonths(2).toString())
        .put("legalBasis", "Tax Administration Act s.12");
  }

  private static ObjectNode minorPenalty(int monthsAgo) {
    return OrganisationScoreResourceTest.json()
        .put("domain", "ENVIRONMENT")
        .put("severity", "MINOR")
        .put("amount", 25000)
        .put("currency", "EUR")
        .put("imposedOn", TestData.TODAY.minusMonths(monthsAgo).toString())
        .put("resolved", false)
        .put("authority", "Environment Agency")
        .put("legalBasis", "Environmental Protection Act s.33");
  }
}
