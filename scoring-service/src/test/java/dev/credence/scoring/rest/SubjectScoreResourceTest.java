package dev.credence.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.DisputeStatus;
import dev.credence.scoring.TestData;
import dev.credence.scoring.service.ProjectionService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SubjectScoreResourceTest {
  static final String ME = "sub_own_score_test_000001";
  static final String DISPUTER = "sub_own_score_dispute_0001";
  static final String YOUNG = "sub_own_score_young_000001";

  @Inject TestData data;
  @Inject ProjectionService projections;

  @Test
  @TestSecurity(user = "gina", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = ME))
  void aPersonSeesTheirScoreExplainedWithAWhatIfAndNoLenderIsTold() {
    data.enrol(ME, TestData.newNationalId());
    ObjectNode stretched = TestData.goodTradeline();
    stretched.put("currentBalance", 4100); // 82 % of the 5000 limit
    data.tradeline(ME, stretched);
    long disclosuresBefore = data.disclosures(ME);

    JsonPath body =
        given()
            .queryParam("whatIfPoints", 15)
            .get("/v1/me/score")
            .then()
            .statusCode(200)
            .body("subjectId", equalTo(ME))
            .body("outcome", equalTo("SCORED"))
            .extract()
            .jsonPath();

    int score = body.getInt("score");
    List<Integer> points = body.getList("factors.points", Integer.class);
    assertEquals(
        score, points.stream().mapToInt(Integer::intValue).sum(), "score = sum of factors");
    // each factor: its best attainable points = the points it has + the points it lost
    List<Integer> best = body.getList("factors.maxPoints", Integer.class);
    List<Integer> lost = body.getList("factors.pointsLost", Integer.class);
    for (int i = 0; i < points.size(); i++) {
      assertEquals(
          best.get(i), points.get(i) + lost.get(i), "factor " + i + ": " + body.prettify());
    }
    assertTrue(body.getList("keyFactors").size() <= 5);
    assertTrue(body.getBoolean("whatIf.reachable"));
    assertTrue(body.getInt("whatIf.projectedScore") >= score + 15);
    assertEquals(
        1, body.getList("whatIf.changes").size(), "one change suffices: " + body.prettify());
    assertTrue(body.getInt("whatIf.changes[0].pointsGained") >= 15, body.prettify());
    // paying down a card closes nothing (the default model pays more for more open accounts)
    assertEquals(0, body.getInt("whatIf.changes[0].accountsClosed"), body.prettify());
    assertEquals(
        score + body.getInt("whatIf.changes[0].pointsGained"),
        body.getInt("whatIf.projectedScore"));
    // a single step the person can take now exists (82 % utilisation): it is preferred over one
    // only time can make
    assertEquals("ACTION", body.getString("whatIf.changes[0].lever"), body.prettify());
    // the change names its feature neutrally; the reason text says which way it costs points
    assertEquals(
        "Revolving utilisation (%)", body.getString("whatIf.changes[0].label"), body.prettify());
    assertTrue(body.getBoolean("whatIfNow.reachable"), body.prettify());
    assertEquals(
        List.of("ACTION"),
        body.getList("whatIfNow.changes.lever", String.class).stream().distinct().toList());
    assertEquals(
        disclosuresBefore, data.disclosures(ME), "the subject's own view is no disclosure");
  }

  @Test
  @TestSecurity(user = "jo", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = YOUNG))
  void aChangeOnlyTimeMakesSaysWhenItHappensByItself() {
    data.enrol(YOUNG, TestData.newNationalId());
    ObjectNode young = TestData.goodTradeline();
    java.time.LocalDate openedOn = TestData.TODAY.minusMonths(30);
    young.put("openedOn", openedOn.toString());
    data.tradeline(YOUNG, young);

    // out of reach: the plan holds the largest gain, account age to its best bin among it
    JsonPath body =
        given()
            .queryParam("whatIfPoints", 550)
            .get("/v1/me/score")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<java.util.Map<String, Object>> changes = body.getList("whatIf.changes");
    java.util.Map<String, Object> age =
        changes.stream()
            .filter(c -> "months_since_oldest_account".equals(c.get("feature")))
            .findFirst()
            .orElseThrow(() -> new AssertionError(body.prettify()));
    assertEquals("TIME", age.get("lever"), body.prettify());
    double months = ((Number) age.get("suggestedValue")).doubleValue();
    int k = 1;
    java.time.LocalDate in = TestData.TODAY;
    while (java.time.temporal.ChronoUnit.MONTHS.between(openedOn, in = TestData.TODAY.plusMonths(k))
        < months) {
      k++;
    }
    assertEquals(in.toString(), age.get("reachedOn"), body.prettify());
    for (java.util.Map<String, Object> c : changes) {
      if ("ACTION".equals(c.get("lever"))) {
        assertEquals(null, c.get("reachedOn"), body.prettify());
      }
    }
    assertEquals(
        List.of(),
        body.getList("whatIfNow.changes.reachedOn").stream().filter(d -> d != null).toList());
  }

  @Test
  @TestSecurity(user = "ida", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = DISPUTER))
  void aDisputedRecordIsShownFlaggedAndStillCounts() {
    data.enrol(DISPUTER, TestData.newNationalId());
    UUID recordId = data.record(DISPUTER, DataCategory.TRADELINE, TestData.goodTradeline());
    UUID disputeId = UUID.randomUUID();
    projections.applyRecordEvent(
        TestData.disputeEvent(disputeId, 1, DISPUTER, recordId, DisputeStatus.OPEN));

    given()
        .get("/v1/me/score")
        .then()
        .statusCode(200)
        .body("outcome", equalTo("SCORED"))
        .body("disputedRecords", hasSize(1))
        .body("disputedRecords[0].recordId", equalTo(recordId.toString()))
        .body("disputedRecords[0].disputeId", equalTo(disputeId.toString()))
        .body("disputedRecords[0].category", equalTo("TRADELINE"))
        .body("disputedRecords[0].countsInScore", equalTo(true))
        .body("disputedRecords[0].note", containsString("Disputed by consumer"));

    projections.applyRecordEvent(
        TestData.disputeEvent(disputeId, 2, DISPUTER, recordId, DisputeStatus.VERIFIED));

    given().get("/v1/me/score").then().statusCode(200).body("disputedRecords", hasSize(0));
  }

  @Test
  @TestSecurity(user = "hank", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = "sub_never_enrolled_0000001"))
  void aPersonWithoutAFileGetsNotFound() {
    given().get("/v1/me/score").then().statusCode(404).body("type", endsWith("/unknown-subject"));
  }

  @Test
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void aLenderCannotUseThePersonsView() {
    given().get("/v1/me/score").then().statusCode(403);
  }

  @Test
  @TestSecurity(user = "gina", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = ME))
  void aWhatIfTargetOutOfRangeIsABadRequest() {
    given().queryParam("whatIfPoints", 0).get("/v1/me/score").then().statusCode(400);
  }

  @Test
  @TestSecurity(user = "gina", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = ME))
  void aWhatIfTargetThatIsNoNumberIsABadRequestNamingTheParameter() {
    for (String value : List.of("abc", "99999999999")) {
      given()
          .queryParam("whatIfPoints", value)
          .get("/v1/me/score")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("type", endsWith("/validation-failed"))
          .body("detail", containsString("whatIfPoints"))
          .body("detail", not(containsString(value)));
    }
  }
}
