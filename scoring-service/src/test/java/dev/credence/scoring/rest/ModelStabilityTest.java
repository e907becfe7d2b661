package dev.credence.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.scoring.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/models/{key}/stability}: the scores a person model released in a window, against
 * its development population. Each test registers its own copy of the shipped synthetic model (a
 * new id each run) with the shipped report, and writes its released scores as disclosure rows at
 * chosen instants, with time-ordered ids of those instants as the score path mints them.
 */
@QuarkusTest
class ModelStabilityTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROBLEM_JSON = "application/problem+json";
  static final SecureRandom RANDOM = new SecureRandom();

  @Inject TestData data;

  static ObjectNode resource(String name) throws Exception {
    try (InputStream in =
        ModelStabilityTest.class.getClassLoader().getResourceAsStream("models/" + name)) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  /** Registers a copy of person-synthetic-v2 under a new id, with (or without) its report. */
  static String registerCopy(boolean withReport) throws Exception {
    String id = "stability-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode definition = resource("person-synthetic-v2.json");
    definition.put("id", id);
    definition.put("version", "1");
    ObjectNode body = JSON.createObjectNode();
    body.set("definition", definition);
    if (withReport) {
      ObjectNode report = resource("person-synthetic-v2.report.json");
      report.put("model", id + "-v1");
      body.set("validationReport", report);
    }
    given()
        .contentType(ContentType.JSON)
        .body(body.toString())
        .post("/v1/models")
        .then()
        .statusCode(201);
    return id + "-v1";
  }

  /** A version 7 UUID of the instant {@code at}, as {@code Ids.timeOrdered()} mints them. */
  static UUID idAt(Instant at) {
    long msb = (at.toEpochMilli() << 16) | 0x7000L | (RANDOM.nextInt(0x1000));
    long lsb = 0x8000000000000000L | (RANDOM.nextLong() >>> 2);
    return new UUID(msb, lsb);
  }

  /** One released score of {@code model} at {@code at}, with the given features. */
  void released(String model, Instant at, int score, String features) {
    String id = model.substring(0, model.lastIndexOf("-v"));
    data.execute(
        "insert into disclosure (id, lender_id, subject_id, purpose, consent_id, outcome, score,"
            + " band, reason_codes, scale_min, scale_max, model_id, model_version, snapshot_hash,"
            + " features, computed_at) values (?1, 'demo-lender', ?2, 'CREDIT_APPLICATION', ?3,"
            + " 'SCORED', ?4, 'Good', cast('[]' as jsonb), 300, 850, ?5, '1', 'h',"
            + " cast(?6 as jsonb), ?7)",
        idAt(at),
        "sub_" + UUID.randomUUID(),
        UUID.randomUUID(),
        score,
        id,
        features,
        Timestamp.from(at));
  }

  static final String FEATURES =
      "{\"derogatory_accounts\":0.0,\"hard_inquiries_12m\":1.0,"
          + "\"months_since_oldest_account\":null,\"open_accounts\":4.0,"
          + "\"revolving_utilisation\":10.0,\"worst_delinquency_24m\":0.0}";

  /** Scores at the development deciles' own shares (cuts 597, 626, … 754), ten per share point. */
  void developmentLike(String model, Instant at) {
    List<Integer> scores = List.of(590, 600, 630, 650, 670, 690, 700, 720, 740, 760);
    List<Integer> counts = List.of(10, 10, 10, 10, 10, 10, 9, 11, 9, 11);
    for (int i = 0; i < scores.size(); i++) {
      for (int k = 0; k < counts.get(i); k++) {
        released(model, at.plusMillis(i * 20L + k), scores.get(i), FEATURES);
      }
    }
  }

  @Test
  @TestSecurity(user = "olga", roles = "operator")
  void scoresLikeTheDevelopmentPopulationAreStableAndAWorseMonthIsAShift() throws Exception {
    String model = registerCopy(true);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant lastMonth = now.minus(40, ChronoUnit.DAYS);
    developmentLike(model, now.minus(1, ChronoUnit.HOURS));
    for (int k = 0; k < 100; k++) { // forty days ago, everyone scored below 597
      released(model, lastMonth.plusMillis(k), 560, FEATURES);
    }

    // the default window, the last 30 days: the development shares
    given()
        .get("/v1/models/" + model + "/stability")
        .then()
        .statusCode(200)
        .body("model", equalTo(model))
        .body("scores", equalTo(100))
        .body("truncated", equalTo(false))
        .body("assessment", equalTo("STABLE"))
        .body("score.psi", lessThan(0.01f))
        .body("score.buckets", hasSize(10))
        .body("score.buckets[0].label", equalTo("[-inf, 597)"))
        .body("score.buckets[0].count", equalTo(10))
        .body("reference", equalTo("the 20999 training rows"))
        .body("featuresWithoutReference", empty())
        .body("features.name", hasItem("revolving_utilisation"))
        // every person had utilisation 10 (the first bin) and no account age (missing)
        .body(
            "features.find { it.name == 'revolving_utilisation' }.buckets[0].actual", equalTo(1.0f))
        .body("features.find { it.name == 'revolving_utilisation' }.status", equalTo("SHIFT"))
        .body(
            "features.find { it.name == 'months_since_oldest_account' }.buckets[-1].label",
            equalTo("missing"))
        .body(
            "features.find { it.name == 'months_since_oldest_account' }.buckets[-1].actual",
            equalTo(1.0f));

    // the window forty days ago: all in the lowest bucket
    given()
        .queryParam("from", lastMonth.minusSeconds(1).toString())
        .queryParam("to", lastMonth.plusSeconds(1).toString())
        .get("/v1/models/" + model + "/stability")
        .then()
        .statusCode(200)
        .body("scores", equalTo(100))
        .body("assessment", equalTo("SHIFT"))
        .body("score.buckets[0].actual", equalTo(1.0f));

    // fifty milliseconds of that month hold fifty scores (to is exclusive): too few to judge
    given()
        .queryParam("from", lastMonth.toString())
        .queryParam("to", lastMonth.plusMillis(50).toString())
        .get("/v1/models/" + model + "/stability")
        .then()
        .statusCode(200)
        .body("scores", equalTo(50))
        .body("assessment", equalTo("INSUFFICIENT_DATA"))
        .body("minScores", equalTo(100));
  }

  @Test
  @TestSecurity(user = "olga", roles = "operator")
  void noReportNoOrganisationModelNoUnknownModelAndNoBadWindow() throws Exception {
    String withoutReport = registerCopy(false);
    given()
        .get("/v1/models/" + withoutReport + "/stability")
        .then()
        .statusCode(409)
        .contentType(PROBLEM_JSON)
        .body("type", endsWith("/no-stability-reference"))
        .body("detail", notNullValue());
    given()
        .get("/v1/models/organisation-rating-v3/stability")
        .then()
        .statusCode(409)
        .body("type", endsWith("/no-stability-reference"));
    given()
        .get("/v1/models/no-such-model-v9/stability")
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON)
        .body("type", endsWith("/model-not-found"));

    String model = registerCopy(true);
    given()
        .queryParam("from", "last tuesday")
        .get("/v1/models/" + model + "/stability")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", endsWith("/validation-failed"))
        .body("errors.field", contains("from"));
    given()
        .queryParam("from", "2026-11-02T00:00:00Z")
        .queryParam("to", "2026-11-01T00:00:00Z")
        .get("/v1/models/" + model + "/stability")
        .then()
        .statusCode(400)
        .body("errors.field", contains("from"));
    given()
        .queryParam("from", "2024-01-01T00:00:00Z")
        .queryParam("to", "2026-11-01T00:00:00Z")
        .get("/v1/models/" + model + "/stability")
        .then()
        .statusCode(400)
        .body("errors.message", hasItem(org.hamcrest.Matchers.containsString("400 days")));
  }

  @Test
  @TestSecurity(user = "olga", roles = "operator")
  void theShippedChampionCarriesItsReportSoItsStabilityIsMeasured() {
    given()
        .get("/v1/models/person-synthetic-v2")
        .then()
        .statusCode(200)
        .body("validationReport.model", equalTo("person-synthetic-v2"))
        .body("validationReport.trainScores.cuts", hasSize(9));
    given()
        .get("/v1/models/person-synthetic-v2/stability")
        .then()
        .statusCode(200)
        .body("score.buckets", hasSize(10))
        .body("features", not(empty()));
  }

  @Test
  @TestSecurity(user = "audrey", roles = "auditor")
  void anAuditorReadsIt() {
    given().get("/v1/models/person-synthetic-v2/stability").then().statusCode(200);
  }

  @Test
  @TestSecurity(user = "demo-lender", roles = "lender")
  void aLenderDoesNot() {
    given().get("/v1/models/person-synthetic-v2/stability").then().statusCode(403);
  }

  @Test
  void noTokenNoAnswer() {
    given().get("/v1/models/person-synthetic-v2/stability").then().statusCode(401);
  }
}
