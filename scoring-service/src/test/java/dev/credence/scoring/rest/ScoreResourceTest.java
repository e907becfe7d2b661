package dev.credence.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.DisputeStatus;
import dev.credence.common.events.Purpose;
import dev.credence.scoring.TestData;
import dev.credence.scoring.service.ProjectionService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "demo-lender", roles = "lender")
@OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
public class ScoreResourceTest {
  static final String LENDER = "demo-lender";
  static final String PROBLEM_JSON = "application/problem+json";

  @Inject TestData data;
  @Inject ProjectionService projections;

  public static String body(String nationalId, String purpose, UUID consentId) {
    return "{\"subject\":{\"identifierType\":\"NATIONAL_ID\",\"identifier\":\""
        + nationalId
        + "\"},\"purpose\":\""
        + purpose
        + "\""
        + (consentId == null ? "" : ",\"consentId\":\"" + consentId + "\"")
        + "}";
  }

  static ValidatableResponse requestScore(String nationalId, String purpose, UUID consentId) {
    return given()
        .contentType(ContentType.JSON)
        .body(body(nationalId, purpose, consentId))
        .when()
        .post("/v1/scores")
        .then();
  }

  static ValidatableResponse requestScore(String nationalId, String purpose) {
    return requestScore(nationalId, purpose, null);
  }

  /** POST /v1/scores:batch with this JSON body (the colon sent as is). */
  static ValidatableResponse requestBatch(String json) {
    return given()
        .contentType(ContentType.JSON)
        .body(json)
        .urlEncodingEnabled(false)
        .when()
        .post("/v1/scores:batch")
        .then();
  }

  /** An enrolled person with one good tradeline and the given consent; returns the subject id. */
  String scorablePerson(String nationalId, Purpose purpose) {
    String subjectId = data.enrol(nationalId);
    data.tradeline(subjectId, TestData.goodTradeline());
    data.grant(subjectId, LENDER, purpose);
    return subjectId;
  }

  @Test
  void refusesAnUnknownSubjectWith404ProblemWithoutEchoingTheIdentifier() {
    String nationalId = TestData.newNationalId();

    requestScore(nationalId, "CREDIT_APPLICATION")
        .statusCode(404)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/unknown-subject"))
        .body("status", equalTo(404))
        .body("detail", not(containsString(nationalId)));
  }

  @Test
  void refusesWithoutConsentAndWritesNoDisclosure() {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    data.tradeline(subjectId, TestData.goodTradeline());

    requestScore(nationalId, "CREDIT_APPLICATION")
        .statusCode(403)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/consent-required"))
        .body(
            "detail",
            allOf(
                containsString(subjectId),
                containsString(LENDER),
                containsString("CREDIT_APPLICATION")))
        .body("detail", not(containsString(nationalId)));

    assertEquals(0, data.disclosures(subjectId));
    assertEquals(
        0, data.count("select count(*) from outbox_event where message_key = ?1", subjectId));
  }

  @Test
  void releasesAnExplainedScoreAndRecordsTheDisclosureInquiryAndEvent() {
    String nationalId = TestData.newNationalId();
    String subjectId = scorablePerson(nationalId, Purpose.CREDIT_APPLICATION);

    String disclosureId =
        requestScore(nationalId, "CREDIT_APPLICATION")
            .statusCode(200)
            .contentType(ContentType.JSON)
            .body("subjectId", equalTo(subjectId))
            .body("outcome", equalTo("SCORED"))
            .body("score", allOf(greaterThanOrEqualTo(300), lessThanOrEqualTo(850)))
            .body("scale.min", equalTo(300))
            .body("scale.max", equalTo(850))
            // the default model person-synthetic-v2: 122 + 130 + 118 + 119 + 117 + 97
            .body("score", equalTo(703))
            .body("band", equalTo("Good"))
            .body("model.id", equalTo("person-synthetic"))
            .body("model.version", equalTo("2"))
            // utilisation 24 % loses 51 points, one open account 46, nine years of history 45
            .body(
                "reasonCodes.code",
                org.hamcrest.Matchers.contains(
                    "REVOLVING_UTILISATION", "OPEN_ACCOUNTS", "ACCOUNT_HISTORY_LENGTH"))
            .body("reasonCodes.pointsLost", org.hamcrest.Matchers.contains(51, 46, 45))
            // v2's texts say in which direction each value cost the points
            .body(
                "reasonCodes.text",
                org.hamcrest.Matchers.contains(
                    "Balances on revolving accounts are high relative to their credit limits",
                    "Too few open accounts",
                    "Oldest account was opened too recently"))
            .body("noScoreReason", nullValue())
            .body("dataAsOf", equalTo(TestData.TODAY.minusDays(5).toString()))
            .body("computedAt", notNullValue())
            .body("snapshotHash", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
            .extract()
            .path("disclosureId");

    List<Object[]> disclosure =
        data.rows(
            "select lender_id, outcome, purpose, cast(features as text) from disclosure where id = ?1",
            UUID.fromString(disclosureId));
    assertEquals(1, disclosure.size());
    assertEquals(LENDER, disclosure.get(0)[0]);
    assertEquals("SCORED", disclosure.get(0)[1]);
    assertTrue(
        ((String) disclosure.get(0)[3]).contains("\"revolving_utilisation\": 24"),
        (String) disclosure.get(0)[3]);
    assertEquals(
        1,
        data.count(
            "select count(*) from inquiry where disclosure_id = ?1 and kind = 'HARD'",
            UUID.fromString(disclosureId)));
    assertEquals(
        1,
        data.count(
            "select count(*) from outbox_event where type = 'disclosure.recorded' and message_key = ?1"
                + " and topic = 'credence.disclosures.v1.test' and payload -> 'payload' ->> 'disclosureId' = ?2",
            subjectId,
            disclosureId));
  }

  @Test
  void anAccountReviewIsASoftInquiry() {
    String nationalId = TestData.newNationalId();
    String subjectId = scorablePerson(nationalId, Purpose.ACCOUNT_REVIEW);

    requestScore(nationalId, "ACCOUNT_REVIEW").statusCode(200);

    assertEquals(
        1,
        data.count(
            "select count(*) from inquiry where subject_id = ?1 and kind = 'SOFT'", subjectId));
    assertEquals(
        0,
        data.count(
            "select count(*) from inquiry where subject_id = ?1 and kind = 'HARD'", subjectId));
  }

  @Test
  void aCreditApplicationPullCountsAsAHardInquiryInTheNextScore() {
    String nationalId = TestData.newNationalId();
    scorablePerson(nationalId, Purpose.CREDIT_APPLICATION);

    int first =
        requestScore(nationalId, "CREDIT_APPLICATION").statusCode(200).extract().path("score");
    requestScore(nationalId, "CREDIT_APPLICATION")
        .statusCode(200)
        .body("score", equalTo(first - 20)) // person-synthetic-v2: 0 inquiries 130, 1 → 110
        .body("reasonCodes.code", org.hamcrest.Matchers.hasItem("HARD_INQUIRIES"));
  }

  @Test
  void theLenderIsToldHowManyOfTheRecordsUsedAreDisputedAndTheyStillCount() {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    UUID disputed = data.record(subjectId, DataCategory.TRADELINE, TestData.goodTradeline());
    data.tradeline(subjectId, TestData.goodTradeline());
    data.grant(subjectId, LENDER, Purpose.ACCOUNT_REVIEW);
    var clean =
        requestScore(nationalId, "ACCOUNT_REVIEW")
            .statusCode(200)
            .body("disputedRecords", equalTo(0))
            .extract();

    UUID disputeId = UUID.randomUUID();
    projections.applyRecordEvent(
        TestData.disputeEvent(disputeId, 1, subjectId, disputed, DisputeStatus.OPEN));
    var flagged =
        requestScore(nationalId, "ACCOUNT_REVIEW")
            .statusCode(200)
            .body("disputedRecords", equalTo(1))
            // a dispute flags the record; it does not remove it from the score
            .body("score", equalTo(clean.path("score")))
            .body("snapshotHash", equalTo(clean.path("snapshotHash")))
            .extract();
    // the disclosure keeps what was released
    given()
        .get("/v1/disclosures/" + flagged.path("disclosureId"))
        .then()
        .statusCode(200)
        .body("disputedRecords", equalTo(1));

    projections.applyRecordEvent(
        TestData.disputeEvent(disputeId, 2, subjectId, disputed, DisputeStatus.VERIFIED));
    requestScore(nationalId, "ACCOUNT_REVIEW").statusCode(200).body("disputedRecords", equalTo(0));
    // a dispute ingestion rejected (no such active record) never flags anything
    projections.applyRecordEvent(
        TestData.disputeEvent(UUID.randomUUID(), 1, subjectId, disputed, DisputeStatus.REJECTED));
    requestScore(nationalId, "ACCOUNT_REVIEW").statusCode(200).body("disputedRecords", equalTo(0));
  }

  @Test
  void hardInquiriesAreCountedUpToTheCapOnly() {
    String nationalId = TestData.newNationalId();
    String subjectId = scorablePerson(nationalId, Purpose.ACCOUNT_REVIEW);
    // 105 hard inquiries in the window (a real file has a handful; the count stops at the cap)
    data.execute(
        "insert into disclosure (id, lender_id, subject_id, purpose, consent_id, outcome, score,"
            + " reason_codes, scale_min, scale_max, model_id, model_version, snapshot_hash,"
            + " features, computed_at)"
            + " select gen_random_uuid(), 'other-lender', ?1, 'CREDIT_APPLICATION',"
            + " gen_random_uuid(), 'NO_SCORE', null, '[]', 300, 850, 'm', '1', 'h', '{}',"
            + " now() - interval '1 day' from generate_series(1, 105)",
        subjectId);
    data.execute(
        "insert into inquiry (id, subject_id, lender_id, purpose, kind, disclosure_id,"
            + " inquired_at) select gen_random_uuid(), subject_id, lender_id, purpose, 'HARD', id,"
            + " computed_at from disclosure where subject_id = ?1 and lender_id = 'other-lender'",
        subjectId);

    requestScore(nationalId, "ACCOUNT_REVIEW")
        .statusCode(200)
        .body("reasonCodes.code", org.hamcrest.Matchers.hasItem("HARD_INQUIRIES"));
    assertEquals(
        1,
        data.count(
            "select count(*) from disclosure where subject_id = ?1 and lender_id = ?2"
                + " and (features ->> 'hard_inquiries_12m')::numeric = 100",
            subjectId,
            LENDER));
  }

  @Test
  void theSameInputsGiveTheSameScoreAndSnapshotHash() {
    String nationalId = TestData.newNationalId();
    scorablePerson(nationalId, Purpose.ACCOUNT_REVIEW);

    var first = requestScore(nationalId, "ACCOUNT_REVIEW").statusCode(200).extract();
    var second = requestScore(nationalId, "ACCOUNT_REVIEW").statusCode(200).extract();

    assertEquals((Integer) first.path("score"), (Integer) second.path("score"));
    assertEquals((String) first.path("snapshotHash"), (String) second.path("snapshotHash"));
    assertTrue(!first.path("disclosureId").equals(second.path("disclosureId")));
  }

  @Test
  void theOwningLenderReadsItsDisclosureBack() {
    String nationalId = TestData.newNationalId();
    String subjectId = scorablePerson(nationalId, Purpose.CREDIT_APPLICATION);
    var released = requestScore(nationalId, "CREDIT_APPLICATION").statusCode(200).extract();

    given()
        .when()
        .get("/v1/disclosures/" + released.path("disclosureId"))
        .then()
        .statusCode(200)
        .body("disclosureId", equalTo(released.path("disclosureId")))
        .body("subjectId", equalTo(subjectId))
        .body("purpose", equalTo("CREDIT_APPLICATION"))
        .body("score", equalTo(released.path("score")))
        .body("snapshotHash", equalTo(released.path("snapshotHash")))
        .body("computedAt", equalTo(released.path("computedAt")))
        .body("reasonCodes", equalTo(released.path("reasonCodes")));
  }

  @Test
  @TestSecurity(user = "other-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "other-lender"))
  void anotherLenderCannotSeeADisclosureItDoesNotOwn() {
    UUID disclosureId = releaseForDemoLender();

    given()
        .when()
        .get("/v1/disclosures/" + disclosureId)
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/disclosure-not-found"));
  }

  /** Seeds a disclosure owned by demo-lender directly (this test runs as another lender). */
  UUID releaseForDemoLender() {
    UUID id = UUID.randomUUID();
    data.execute(
        "insert into disclosure (id, lender_id, subject_id, purpose, consent_id, outcome, score,"
            + " band, reason_codes, scale_min, scale_max, model_id, model_version, snapshot_hash,"
            + " features, computed_at) values (?1, 'demo-lender', 'sub_x', 'CREDIT_APPLICATION',"
            + " ?2, 'SCORED', 700, 'Good', '[]', 300, 850, 'person-starter', '1', 'abc', '{}', now())",
        id,
        UUID.randomUUID());
    return id;
  }

  @Test
  void anUnknownDisclosureIs404() {
    given()
        .when()
        .get("/v1/disclosures/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/disclosure-not-found"));
  }

  @Test
  void aDisclosureIdThatIsNoUuidIsABadRequestNotAMissingPath() {
    given()
        .when()
        .get("/v1/disclosures/xyz")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/validation-failed"))
        .body("detail", not(containsString("xyz")));
  }

  @Test
  void refusesAfterTheConsentIsRevoked() {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    data.tradeline(subjectId, TestData.goodTradeline());
    UUID consentId = data.grant(subjectId, LENDER, Purpose.CREDIT_APPLICATION);
    requestScore(nationalId, "CREDIT_APPLICATION").statusCode(200);

    data.consent(
        consentId,
        2,
        subjectId,
        LENDER,
        Purpose.CREDIT_APPLICATION,
        ConsentStatus.REVOKED,
        Instant.now().minus(1, ChronoUnit.DAYS),
        Instant.now().plus(365, ChronoUnit.DAYS),
        null,
        List.of(DataCategory.TRADELINE));

    requestScore(nationalId, "CREDIT_APPLICATION")
        .statusCode(403)
        .body("type", equalTo("https://credence.dev/problems/consent-required"));
    assertEquals(1, data.disclosures(subjectId));
  }

  @Test
  void refusesAfterTheConsentExpiredEvenThoughNoEventSaidSo() {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    data.tradeline(subjectId, TestData.goodTradeline());
    data.consent(
        UUID.randomUUID(),
        1,
        subjectId,
        LENDER,
        Purpose.CREDIT_APPLICATION,
        ConsentStatus.ACTIVE,
        Instant.now().minus(30, ChronoUnit.DAYS),
        Instant.now().minus(1, ChronoUnit.MINUTES),
        null,
        List.of(DataCategory.TRADELINE));

    requestScore(nationalId, "CREDIT_APPLICATION")
        .statusCode(403)
        .body("type", equalTo("https://credence.dev/problems/consent-required"));
    assertEquals(0, data.disclosures(subjectId));
  }

  @Test
  void refusesBeforeTheConsentStarts() {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    data.consent(
        UUID.randomUUID(),
        1,
        subjectId,
        LENDER,
        Purpose.CREDIT_APPLICATION,
        ConsentStatus.ACTIVE,
        Instant.now().plus(1, ChronoUnit.DAYS),
        Instant.now().plus(30, ChronoUnit.DAYS),
        null,
        List.of(DataCategory.TRADELINE));

    requestScore(nationalId, "CREDIT_APPLICATION").statusCode(403);
  }

  @Test
  void refusesWhenTheConsentIsForAnotherPurpose() {
    String nationalId = TestData.newNationalId();
    String subjectId = scorablePerson(nationalId, Purpose.ACCOUNT_REVIEW);

    requestScore(nationalId, "CREDIT_APPLICATION")
        .statusCode(403)
        .body("type", equalTo("https://credence.dev/problems/consent-required"));
    assertEquals(0, data.disclosures(subjectId));
  }

  @Test
  void refusesWhenTheNamedConsentIsNotTheSubjectsConsent() {
    String nationalId = TestData.newNationalId();
    scorablePerson(nationalId, Purpose.CREDIT_APPLICATION);

    requestScore(nationalId, "CREDIT_APPLICATION", UUID.randomUUID()).statusCode(403);
  }

  @Test
  void usesTheNamedConsentWhenItIsValid() {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    data.tradeline(subjectId, TestData.goodTradeline());
    UUID consentId = data.grant(subjectId, LENDER, Purpose.CREDIT_APPLICATION);

    requestScore(nationalId, "CREDIT_APPLICATION", consentId)
        .statusCode(200)
        .body("consentId", equalTo(consentId.toString()));
  }

  @Test
  void refusesOnceTheUsageLimitIsReached() {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    data.tradeline(subjectId, TestData.goodTradeline());
    data.consent(
        UUID.randomUUID(),
        1,
        subjectId,
        LENDER,
        Purpose.CREDIT_APPLICATION,
        ConsentStatus.ACTIVE,
        Instant.now().minus(1, ChronoUnit.DAYS),
        Instant.now().plus(30, ChronoUnit.DAYS),
        1,
        List.of(DataCategory.TRADELINE));

    requestScore(nationalId, "CREDIT_APPLICATION").statusCode(200);
    requestScore(nationalId, "CREDIT_APPLICATION")
        .statusCode(403)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/consent-usage-exhausted"));

    assertEquals(1, data.disclosures(subjectId));
  }

  @Test
  void aConsentUpdateEventDoesNotResetItsUsage() {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    data.tradeline(subjectId, TestData.goodTradeline());
    UUID consentId = UUID.randomUUID();
    Instant start = Instant.now().minus(1, ChronoUnit.DAYS);
    Instant end = Instant.now().plus(30, ChronoUnit.DAYS);
    data.consent(
        consentId,
        1,
        subjectId,
        LENDER,
        Purpose.CREDIT_APPLICATION,
        ConsentStatus.ACTIVE,
        start,
        end,
        2,
        List.of(DataCategory.TRADELINE));
    requestScore(nationalId, "CREDIT_APPLICATION").statusCode(200);
    requestScore(nationalId, "CREDIT_APPLICATION").statusCode(200);

    // a later change of the same consent (e.g. re-published state) keeps the uses already made
    data.consent(
        consentId,
        2,
        subjectId,
        LENDER,
        Purpose.CREDIT_APPLICATION,
        ConsentStatus.ACTIVE,
        start,
        end,
        2,
        List.of(DataCategory.TRADELINE));

    requestScore(nationalId, "CREDIT_APPLICATION")
        .statusCode(403)
        .body("type", equalTo("https://credence.dev/problems/consent-usage-exhausted"));
    assertEquals(2, data.disclosures(subjectId));
    assertEquals(2, data.count("select used from consent_view where consent_id = ?1", consentId));
  }

  @Test
  void refusesACollectPurpose() {
    requestScore(TestData.newNationalId(), "FURNISHING")
        .statusCode(422)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/purpose-not-disclosable"));
  }

  @Test
  void aThinFileGetsNoScoreWithAReasonAndADisclosure() {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    data.grant(subjectId, LENDER, Purpose.CREDIT_APPLICATION);

    String disclosureId =
        requestScore(nationalId, "CREDIT_APPLICATION")
            .statusCode(200)
            .body("outcome", equalTo("NO_SCORE"))
            .body("score", nullValue())
            .body("band", nullValue())
            .body("reasonCodes", hasSize(0))
            .body("noScoreReason.code", equalTo("NO_TRADELINES"))
            .body("noScoreReason.text", notNullValue())
            .extract()
            .path("disclosureId");

    assertEquals(
        1,
        data.count(
            "select count(*) from disclosure where id = ?1 and outcome = 'NO_SCORE' and score is null",
            UUID.fromString(disclosureId)));
  }

  @Test
  void aStaleFileGetsNoScoreForLackOfRecentActivity() {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    ObjectNode old = TestData.goodTradeline();
    old.put("reportedOn", TestData.TODAY.minusMonths(30).toString());
    data.tradeline(subjectId, old);
    data.grant(subjectId, LENDER, Purpose.CREDIT_APPLICATION);

    requestScore(nationalId, "CREDIT_APPLICATION")
        .statusCode(200)
        .body("outcome", equalTo("NO_SCORE"))
        .body("noScoreReason.code", equalTo("NO_RECENT_ACTIVITY"));
  }

  @Test
  void aConsentThatDoesNotCoverTradelinesLeavesThemOutOfTheScore() {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    data.tradeline(subjectId, TestData.goodTradeline());
    data.consent(
        UUID.randomUUID(),
        1,
        subjectId,
        LENDER,
        Purpose.CREDIT_APPLICATION,
        ConsentStatus.ACTIVE,
        Instant.now().minus(1, ChronoUnit.DAYS),
        Instant.now().plus(30, ChronoUnit.DAYS),
        null,
        List.of(DataCategory.INCOME));

    requestScore(nationalId, "CREDIT_APPLICATION")
        .statusCode(200)
        .body("outcome", equalTo("NO_SCORE"))
        .body("noScoreReason.code", equalTo("NO_TRADELINES"));
  }

  @Test
  void aDisputedRecordTheConsentDoesNotCoverIsNeitherUsedNorCountedOnEitherPath() {
    // the score path reads the whole file with the consents in one round trip and keeps only what
    // the chosen consent covers; the limited-consent path reads it in its own transaction
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    UUID disputed = data.record(subjectId, DataCategory.TRADELINE, TestData.goodTradeline());
    projections.applyRecordEvent(
        TestData.disputeEvent(UUID.randomUUID(), 1, subjectId, disputed, DisputeStatus.OPEN));
    Instant from = Instant.now().minus(1, ChronoUnit.DAYS);
    // expiring after a plain grant's year, so that a grant made later is chosen first
    Instant to = Instant.now().plus(400, ChronoUnit.DAYS);
    // unlimited (group-committed path) and limited (own-transaction path), both INCOME only
    Map<Purpose, Integer> limits = new java.util.EnumMap<>(Purpose.class);
    limits.put(Purpose.ACCOUNT_REVIEW, null);
    limits.put(Purpose.CREDIT_APPLICATION, 3);
    limits.forEach(
        (purpose, limit) ->
            data.consent(
                UUID.randomUUID(),
                1,
                subjectId,
                LENDER,
                purpose,
                ConsentStatus.ACTIVE,
                from,
                to,
                limit,
                List.of(DataCategory.INCOME)));

    for (String purpose : List.of("ACCOUNT_REVIEW", "CREDIT_APPLICATION")) {
      requestScore(nationalId, purpose)
          .statusCode(200)
          .body("outcome", equalTo("NO_SCORE"))
          .body("noScoreReason.code", equalTo("NO_TRADELINES"))
          .body("disputedRecords", equalTo(0));
    }
    // the same file under a consent that covers tradelines (soonest expiry: chosen first): used,
    // and flagged as disputed
    data.grant(subjectId, LENDER, Purpose.ACCOUNT_REVIEW);
    requestScore(nationalId, "ACCOUNT_REVIEW").statusCode(200).body("disputedRecords", equalTo(1));
  }

  @Test
  void anErasedSubjectIsUnknownButItsDisclosuresAndInquiriesAreKept() {
    String nationalId = TestData.newNationalId();
    String subjectId = scorablePerson(nationalId, Purpose.CREDIT_APPLICATION);
    requestScore(nationalId, "CREDIT_APPLICATION").statusCode(200);

    projections.applyConsentEvent(TestData.erasureEvent(subjectId));

    requestScore(nationalId, "CREDIT_APPLICATION")
        .statusCode(404)
        .body("type", endsWith("/unknown-subject"));
    assertEquals(1, data.disclosures(subjectId), "the disclosure is kept (legal retention)");
    assertEquals(1, data.count("select count(*) from inquiry where subject_id = ?1", subjectId));
    assertEquals(
        0, data.count("select count(*) from subject_record where subject_id = ?1", subjectId));
  }

  @Test
  void aMalformedBodyIs400Problem() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"subject\": ")
        .when()
        .post("/v1/scores")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/malformed-request"));
  }

  @Test
  void aMissingSubjectIs400ValidationProblem() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"purpose\":\"CREDIT_APPLICATION\"}")
        .when()
        .post("/v1/scores")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/validation-failed"))
        .body("detail", containsString("subject"));
  }

  @Test
  void anUnknownPurposeIs400Problem() {
    requestScore(TestData.newNationalId(), "CURIOSITY").statusCode(400).contentType(PROBLEM_JSON);
  }

  @Test
  void aBatchReportsAnOutcomePerItem() {
    String scored = TestData.newNationalId();
    scorablePerson(scored, Purpose.ACCOUNT_REVIEW);
    String noConsent = TestData.newNationalId();
    String noConsentSubject = data.enrol(noConsent);
    String unknown = TestData.newNationalId();

    requestBatch(
            "{\"items\":["
                + "{\"reference\":\"a\",\"subject\":{\"identifierType\":\"NATIONAL_ID\",\"identifier\":\""
                + scored
                + "\"}},"
                + "{\"reference\":\"b\",\"subject\":{\"identifierType\":\"NATIONAL_ID\",\"identifier\":\""
                + noConsent
                + "\"}},"
                + "{\"reference\":\"c\",\"subject\":{\"identifierType\":\"NATIONAL_ID\",\"identifier\":\""
                + unknown
                + "\"}}]}")
        .statusCode(200)
        .body("scored", equalTo(1))
        .body("refused", equalTo(2))
        .body("items[0].reference", equalTo("a"))
        .body("items[0].outcome", equalTo("SCORED"))
        .body("items[0].result.purpose", equalTo("ACCOUNT_REVIEW"))
        .body("items[1].outcome", equalTo("REFUSED"))
        .body("items[1].problem.type", equalTo("https://credence.dev/problems/consent-required"))
        .body("items[2].problem.type", equalTo("https://credence.dev/problems/unknown-subject"));

    assertEquals(0, data.disclosures(noConsentSubject));
  }

  @Test
  void theItemsOfABatchAreDecidedTogetherYetEachAnswerIsItsOwnInOrder() {
    // the items run side by side (their reads and group commits overlap): the answer must still
    // list them in request order, each with its own subject's disclosure, and a refused item in
    // the middle must neither shift nor write anything
    int n = 24;
    List<String> nationalIds = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String nationalId = TestData.newNationalId();
      String subjectId =
          i == 11 ? data.enrol(nationalId) : scorablePerson(nationalId, Purpose.ACCOUNT_REVIEW);
      nationalIds.add(nationalId);
      subjects.add(subjectId);
      items
          .append(i == 0 ? "" : ",")
          .append("{\"reference\":\"r")
          .append(i)
          .append("\",\"subject\":{\"identifierType\":\"NATIONAL_ID\",\"identifier\":\"")
          .append(nationalId)
          .append("\"}}");
    }

    ValidatableResponse answer =
        requestBatch("{\"items\":[" + items + "]}")
            .statusCode(200)
            .body("scored", equalTo(n - 1))
            .body("refused", equalTo(1));
    for (int i = 0; i < n; i++) {
      answer.body("items[" + i + "].reference", equalTo("r" + i));
      if (i == 11) {
        answer
            .body("items[11].outcome", equalTo("REFUSED"))
            .body(
                "items[11].problem.type",
                equalTo("https://credence.dev/problems/consent-required"));
        assertEquals(0, data.disclosures(subjects.get(i)), "the refused item wrote nothing");
      } else {
        answer.body("items[" + i + "].result.subjectId", equalTo(subjects.get(i)));
        assertEquals(1, data.disclosures(subjects.get(i)), "one disclosure per released item");
      }
    }
  }

  @Test
  void aBatchIsAnAccountReviewOnly() {
    requestBatch(
            "{\"purpose\":\"CREDIT_APPLICATION\",\"items\":[{\"subject\":{\"identifierType\":\"NATIONAL_ID\",\"identifier\":\"x1\"}}]}")
        .statusCode(422)
        .body("type", equalTo("https://credence.dev/problems/batch-purpose-not-allowed"));
  }

  @Test
  void aBatchPathWithAnEncodedColonReachesTheBatch() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"purpose\":\"CREDIT_APPLICATION\",\"items\":[]}")
        .urlEncodingEnabled(false)
        .when()
        .post("/v1/scores%3Abatch")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://credence.dev/problems/validation-failed"));
  }

  @Test
  void aBatchOverTheLimitIsRefusedWhole() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      items
          .append(i == 0 ? "" : ",")
          .append("{\"subject\":{\"identifierType\":\"NATIONAL_ID\",\"identifier\":\"n")
          .append(i)
          .append("\"}}");
    }

    requestBatch("{\"items\":[" + items + "]}")
        .statusCode(413)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://credence.dev/problems/batch-too-large"));
  }
}
