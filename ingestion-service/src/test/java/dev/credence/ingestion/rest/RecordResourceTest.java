package dev.credence.ingestion.rest;

import static dev.credence.ingestion.support.Requests.batch;
import static dev.credence.ingestion.support.Requests.newRecordId;
import static dev.credence.ingestion.support.Requests.tradeline;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.EventCodec;
import dev.credence.ingestion.support.Projections;
import dev.credence.ingestion.support.Requests;
import dev.credence.ingestion.support.Samples;
import dev.credence.ingestion.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class RecordResourceTest {
  static final String FURNISHER = "demo-furnisher";
  static final String PROBLEM = "application/problem+json";

  @Inject Projections projections;
  @Inject TestClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private static ValidatableResponse post(String body) {
    return given().contentType(ContentType.JSON).body(body).when().post("/v1/records").then();
  }

  /**
   * An enrolled person with an active COLLECT consent for the demo furnisher; their national id.
   */
  private String consentedPerson() {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    projections.grantCollect(subjectId, FURNISHER, DataCategory.TRADELINE, DataCategory.PAYMENT);
    return nationalId;
  }

  private long storedRecords(String furnisherRecordId) {
    return projections.countWhere(
        "select count(*) from furnished_record where furnisher_id = ?1 and furnisher_record_id = ?2",
        FURNISHER,
        furnisherRecordId);
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsARecordOfAPersonWhoHasNotEnrolled() {
    String recordId = newRecordId();

    post(batch(tradeline(recordId, Projections.newNationalId())))
        .statusCode(200)
        .body("results[0].furnisherRecordId", equalTo(recordId))
        .body("results[0].outcome", equalTo("REJECTED"))
        .body("results[0].recordId", nullValue())
        .body("results[0].reason.code", equalTo("UNKNOWN_SUBJECT"))
        .body("summary.rejected", equalTo(1));

    assertEquals(0, storedRecords(recordId));
    assertEquals(
        "UNKNOWN_SUBJECT",
        projections.single(
            "select reason_code from ingestion_outcome where furnisher_record_id = ?1", recordId));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsARecordOfAnEnrolledPersonWithoutConsent() {
    String nationalId = Projections.newNationalId();
    projections.enrolPerson(nationalId);
    String recordId = newRecordId();

    post(batch(tradeline(recordId, nationalId)))
        .statusCode(200)
        .body("results[0].outcome", equalTo("REJECTED"))
        .body("results[0].reason.code", equalTo("CONSENT_REQUIRED"));

    assertEquals(0, storedRecords(recordId));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void acceptsARecordUnderActiveConsentAndQueuesItsEventKeyedBySubject() throws Exception {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    projections.grantCollect(subjectId, FURNISHER, DataCategory.TRADELINE);
    String furnisherRecordId = newRecordId();

    String recordId =
        post(batch(tradeline(furnisherRecordId, nationalId)))
            .statusCode(200)
            .body("results[0].outcome", equalTo("ACCEPTED"))
            .body("results[0].reason", nullValue())
            .body("summary.accepted", equalTo(1))
            .extract()
            .path("results[0].recordId");

    assertEquals(1, storedRecords(furnisherRecordId));
    assertEquals(
        subjectId,
        projections.single(
            "select subject_id from furnished_record where id = ?1", uuid(recordId)));
    Object[] outbox =
        (Object[])
            projections.single(
                "select type, message_key, topic, cast(payload as text) from outbox_event"
                    + " where payload -> 'payload' ->> 'recordId' = ?1",
                recordId);
    assertEquals("record.accepted", outbox[0]);
    assertEquals(subjectId, outbox[1]);
    assertEquals("credence.records.v1.test", outbox[2]);
    JsonNode envelope = Requests.JSON.readTree((String) outbox[3]);
    assertEquals(subjectId, envelope.get("subjectId").asText());
    assertEquals("ingestion-service", envelope.get("producer").asText());
    assertEquals(FURNISHER, envelope.at("/payload/furnisherId").asText());
    assertEquals("TRADELINE", envelope.at("/payload/category").asText());
    assertEquals("11", envelope.at("/payload/data/accountStatus").asText());
    // the national id travels nowhere
    assertEquals(false, envelope.toString().contains(nationalId));
    assertEquals(
        0L,
        projections.countWhere(
            "select count(*) from furnished_record where data::text like ?1",
            "%" + nationalId + "%"));
    assertEquals("record.accepted", EventCodec.read((String) outbox[3]).type());
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void answersAReplayWithDuplicateAndTheOriginalRecordIdChangingNothing() {
    String nationalId = consentedPerson();
    String furnisherRecordId = newRecordId();
    String body = batch(tradeline(furnisherRecordId, nationalId));
    String first =
        post(body)
            .statusCode(200)
            .body("results[0].outcome", equalTo("ACCEPTED"))
            .extract()
            .path("results[0].recordId");
    long outboxBefore = projections.outboxRows();

    post(body)
        .statusCode(200)
        .body("results[0].outcome", equalTo("DUPLICATE"))
        .body("results[0].recordId", equalTo(first))
        .body("summary.duplicate", equalTo(1));

    assertEquals(1, storedRecords(furnisherRecordId));
    assertEquals(outboxBefore, projections.outboxRows());
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void recognisesAReplayWithKeysInAnotherOrderAsADuplicate() {
    String nationalId = consentedPerson();
    String furnisherRecordId = newRecordId();
    ObjectNode original = tradeline(furnisherRecordId, nationalId);
    post(batch(original)).statusCode(200).body("results[0].outcome", equalTo("ACCEPTED"));
    ObjectNode reordered = tradeline(furnisherRecordId, nationalId);
    ObjectNode data = reordered.putObject("data");
    data.put("reportedOn", "2026-11-01");
    data.put("paymentHistoryProfile", "000000000000000000000000");
    data.put("paymentRating", "0");
    data.put("accountStatus", "11");
    data.put("currency", "EUR");
    data.put("currentBalance", 1250.750);
    data.put("creditLimit", 5000.0);
    data.put("openedOn", "2019-04-01");
    data.put("accountType", "REVOLVING");

    post(batch(reordered)).statusCode(200).body("results[0].outcome", equalTo("DUPLICATE"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void acceptsADifferentVersionOfARecordIdAsACorrectionThatSupersedesIt() {
    String nationalId = consentedPerson();
    String furnisherRecordId = newRecordId();
    String first =
        post(batch(tradeline(furnisherRecordId, nationalId)))
            .statusCode(200)
            .body("results[0].outcome", equalTo("ACCEPTED"))
            .extract()
            .path("results[0].recordId");
    ObjectNode changed = tradeline(furnisherRecordId, nationalId);
    ((ObjectNode) changed.get("data")).put("currentBalance", 99);

    post(batch(changed))
        .statusCode(200)
        .body("results[0].outcome", equalTo("SUPERSEDED"))
        .body("results[0].supersedes", equalTo(first))
        .body("results[0].recordId", not(equalTo(first)))
        .body("summary.superseded", equalTo(1));

    assertEquals(2, storedRecords(furnisherRecordId));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void refusesTheWholeBatchWhenAnyRecordCarriesAProhibitedFieldAndStoresNothing() {
    String nationalId = consentedPerson();
    ObjectNode clean = tradeline(newRecordId(), nationalId);
    ObjectNode tainted = tradeline(newRecordId(), nationalId);
    ((ObjectNode) tainted.get("data")).put("maritalStatus", "married");
    long records = projections.count("furnished_record");
    long outcomes = projections.count("ingestion_outcome");
    long outbox = projections.outboxRows();

    post(batch(clean, tainted))
        .statusCode(422)
        .contentType(PROBLEM)
        .body("type", equalTo("https://credence.dev/problems/prohibited-attribute"))
        .body("status", equalTo(422))
        .body(
            "detail",
            allOf(
                containsString("records[1].data.maritalStatus"),
                containsString("ECOA_MARITAL_STATUS")))
        .body("violations[0].field", equalTo("records[1].data.maritalStatus"))
        .body("violations[0].rule", equalTo("ECOA_MARITAL_STATUS"))
        .body("violations[0].law", containsString("Regulation B"))
        .body("detail", not(containsString("married")));

    assertEquals(records, projections.count("furnished_record"));
    assertEquals(outcomes, projections.count("ingestion_outcome"));
    assertEquals(outbox, projections.outboxRows());
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(
      strings = {
        "mari\u00ADtalStatus",
        "gen\u200Bder",
        "\uFF27\uFF45\uFF4E\uFF44\uFF45\uFF52",
        "civilStatus",
        "emergencyContact",
        "friend",
        "geohash",
        "coordinates"
      })
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void refusesAProhibitedFieldDisguisedWithInvisibleOrFullwidthCharacters(String field) {
    ObjectNode record = tradeline(newRecordId(), consentedPerson());
    ((ObjectNode) record.get("data")).put(field, "x");
    long records = projections.count("furnished_record");

    post(batch(record))
        .statusCode(422)
        .contentType(PROBLEM)
        .body("type", equalTo("https://credence.dev/problems/prohibited-attribute"))
        .body("violations.field", contains("records[0].data." + field));

    assertEquals(records, projections.count("furnished_record"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void refusesAProhibitedFieldDeeplyNestedInAnArray() {
    ObjectNode record = tradeline(newRecordId(), consentedPerson());
    ObjectNode extra = ((ObjectNode) record.get("data")).putObject("extra");
    extra.putObject("x").putArray("y").addObject().put("Sexual-Orientation", "x");

    post(batch(record))
        .statusCode(422)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("records[0].data.extra.x.y[0].Sexual-Orientation"))
        .body("violations[0].rule", equalTo("GDPR_ART9_SEX_LIFE_ORIENTATION"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void refusesAProhibitedFieldBesideTheRecordEnvelopeWith422NotWith400() {
    ObjectNode record = tradeline(newRecordId(), consentedPerson());
    record.put("race", "x");

    post(batch(record))
        .statusCode(422)
        .contentType(PROBLEM)
        .body("violations.field", contains("records[0].race"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsASchemaViolationNamingThePointersButNeverTheValues() {
    ObjectNode record = tradeline(newRecordId(), consentedPerson());
    ((ObjectNode) record.get("data")).put("accountStatus", "ZZ-SECRET");
    ((ObjectNode) record.get("data")).put("nickname", "x");

    post(batch(record))
        .statusCode(200)
        .body("results[0].outcome", equalTo("REJECTED"))
        .body("results[0].reason.code", equalTo("SCHEMA_VIOLATION"))
        .body("results[0].reason.message", containsString("/accountStatus"))
        .body("results[0].reason.message", containsString("/nickname"))
        .body("results[0].reason.message", not(containsString("ZZ-SECRET")))
        .body("results[0].reason.fields", contains("/accountStatus", "/nickname"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsCategoriesWithoutASchemaAndUnknownCategoriesPerRecord() {
    String nationalId = consentedPerson();
    ObjectNode income = tradeline(newRecordId(), nationalId);
    income.put("category", "INQUIRY");
    ObjectNode unknown = tradeline(newRecordId(), nationalId);
    unknown.put("category", "CAR_LOAN");
    ObjectNode fine = tradeline(newRecordId(), nationalId);

    post(batch(income, unknown, fine))
        .statusCode(200)
        .body("results.outcome", contains("REJECTED", "REJECTED", "ACCEPTED"))
        .body("results[0].reason.code", equalTo("UNSUPPORTED_CATEGORY"))
        .body("results[1].reason.code", equalTo("UNKNOWN_CATEGORY"))
        .body("summary.accepted", equalTo(1))
        .body("summary.rejected", equalTo(2));
  }

  @Test
  @TestSecurity(user = "payments-only-furnisher", roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = "payments-only-furnisher"))
  void rejectsACategoryTheFurnisherIsNotRegisteredFor() {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    projections.grantCollect(subjectId, "payments-only-furnisher", DataCategory.TRADELINE);

    post(batch(tradeline(newRecordId(), nationalId)))
        .statusCode(200)
        .body("results[0].reason.code", equalTo("FURNISHER_NOT_REGISTERED"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsAPersonCategoryAboutAnOrganisation() {
    String registration = "REG-" + UUID.randomUUID();
    projections.registerOrganisation(registration);
    ObjectNode record = tradeline(newRecordId(), registration);
    ((ObjectNode) record.get("subject")).put("identifierType", "COMPANY_REGISTRATION");

    post(batch(record))
        .statusCode(200)
        .body("results[0].reason.code", equalTo("CATEGORY_SUBJECT_MISMATCH"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void refusesOnceTheConsentHasExpiredByTheClockWithoutAnyExpiryEvent() {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    Instant now = Instant.now();
    projections.grantCollect(
        subjectId,
        FURNISHER,
        now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofHours(1)),
        DataCategory.TRADELINE);
    post(batch(tradeline(newRecordId(), nationalId)))
        .statusCode(200)
        .body("results[0].outcome", equalTo("ACCEPTED"));

    clock.advance(Duration.ofHours(2));

    post(batch(tradeline(newRecordId(), nationalId)))
        .statusCode(200)
        .body("results[0].reason.code", equalTo("CONSENT_REQUIRED"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void refusesOnceTheConsentIsRevoked() {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    UUID consentId = projections.grantCollect(subjectId, FURNISHER, DataCategory.TRADELINE);
    Instant now = Instant.now();
    projections.changeConsent(
        consentId,
        2,
        subjectId,
        FURNISHER,
        ConsentStatus.REVOKED,
        now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(365)),
        DataCategory.TRADELINE);

    post(batch(tradeline(newRecordId(), nationalId)))
        .statusCode(200)
        .body("results[0].reason.code", equalTo("CONSENT_REQUIRED"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void reportsEachRecordOfAMixedBatchInRequestOrder() {
    String consented = consentedPerson();
    String notEnrolled = Projections.newNationalId();
    String a = newRecordId();
    String b = newRecordId();
    String c = newRecordId();

    post(batch(tradeline(a, consented), tradeline(b, notEnrolled), tradeline(c, consented)))
        .statusCode(200)
        .body("results.furnisherRecordId", contains(a, b, c))
        .body("results.outcome", contains("ACCEPTED", "REJECTED", "ACCEPTED"))
        .body("batchId", notNullValue())
        .body("summary.accepted", equalTo(2))
        .body("summary.duplicate", equalTo(0))
        .body("summary.rejected", equalTo(1));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsANegativeItemPastItsReportingPeriodAsObsoleteAndPublishesNothing() {
    String furnisherRecordId = newRecordId();
    ObjectNode record = tradeline(furnisherRecordId, consentedPerson());
    ((ObjectNode) record.get("data"))
        .put("accountStatus", "97")
        .put("dateOfFirstDelinquency", "2015-01-01");
    long outbox = projections.outboxRows();

    post(batch(record))
        .statusCode(200)
        .body("results[0].outcome", equalTo("REJECTED"))
        .body("results[0].recordId", nullValue())
        .body("results[0].reason.code", equalTo("OBSOLETE"))
        .body("results[0].reason.message", containsString("2022-01-01"))
        .body("summary.rejected", equalTo(1));

    assertEquals(0, storedRecords(furnisherRecordId));
    assertEquals(outbox, projections.outboxRows());
    assertEquals(
        "OBSOLETE",
        projections.single(
            "select reason_code from ingestion_outcome where furnisher_record_id = ?1",
            furnisherRecordId));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsAFutureReportedOnSoItCannotFreezeTheRecordAgainstCorrections() {
    String nationalId = consentedPerson();
    String furnisherRecordId = newRecordId();
    ObjectNode future = tradeline(furnisherRecordId, nationalId);
    ((ObjectNode) future.get("data")).put("reportedOn", "2099-01-01");
    ObjectNode tomorrow = tradeline(newRecordId(), nationalId);
    ((ObjectNode) tomorrow.get("data"))
        .put("reportedOn", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString());

    post(batch(future, tomorrow))
        .statusCode(200)
        .body("results.outcome", contains("REJECTED", "ACCEPTED"))
        .body("results[0].reason.code", equalTo("FUTURE_DATE"))
        .body("results[0].reason.fields", contains("/reportedOn"));
    assertEquals(0, storedRecords(furnisherRecordId));

    post(batch(tradeline(furnisherRecordId, nationalId)))
        .statusCode(200)
        .body("results[0].outcome", equalTo("ACCEPTED"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsOnlyTheRecordsCarryingANulCharacterAndAcceptsTheOthers() {
    String nationalId = consentedPerson();
    String secret = "SECRET-" + UUID.randomUUID();
    ObjectNode badId = tradeline(secret + "\u0000", nationalId);
    ObjectNode badText =
        Samples.record(newRecordId(), DataCategory.PAYMENT, "NATIONAL_ID", nationalId);
    ((ObjectNode) badText.get("data")).put("accountReference", secret + "\u0000");
    String good = newRecordId();

    String batchId =
        post(batch(badId, badText, tradeline(good, nationalId)))
            .statusCode(200)
            .body("results.outcome", contains("REJECTED", "REJECTED", "ACCEPTED"))
            .body("results[0].furnisherRecordId", nullValue())
            .body("results[0].reason.code", equalTo("INVALID_ENVELOPE"))
            .body("results[0].reason.message", containsString("furnisherRecordId"))
            .body("results[1].reason.code", equalTo("SCHEMA_VIOLATION"))
            .body("results[1].reason.fields", contains("/accountReference"))
            .body(not(containsString(secret)))
            .extract()
            .path("batchId");

    assertEquals(1, storedRecords(good));
    assertEquals(
        3L,
        projections.countWhere(
            "select count(*) from ingestion_outcome where batch_id = cast(?1 as uuid)", batchId));
  }

  @Test
  void answers401ProblemWithoutAToken() {
    post(batch(tradeline(newRecordId(), Projections.newNationalId())))
        .statusCode(401)
        .contentType(PROBLEM)
        .body("type", equalTo("https://credence.dev/problems/unauthorized"));
  }

  @Test
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void answers403ProblemToALender() {
    post(batch(tradeline(newRecordId(), Projections.newNationalId())))
        .statusCode(403)
        .contentType(PROBLEM)
        .body("type", equalTo("https://credence.dev/problems/forbidden"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void answers400ProblemForMalformedJson() {
    post("{\"records\": [ {\"furnisherRecordId\": ")
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("https://credence.dev/problems/malformed-request"))
        .body("detail", containsString("line 1"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void answers400ProblemNamingTheRecordWhoseEnvelopeIsIncomplete() {
    ObjectNode record = tradeline(newRecordId(), consentedPerson());
    record.remove("furnisherRecordId");
    long outcomes = projections.count("ingestion_outcome");

    post(batch(tradeline(newRecordId(), Projections.newNationalId()), record))
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("https://credence.dev/problems/validation-failed"))
        .body("errors.field", hasItem("records[1].furnisherRecordId"));

    assertEquals(outcomes, projections.count("ingestion_outcome"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void answers400ProblemForAnUnknownEnvelopeField() {
    ObjectNode record = tradeline(newRecordId(), consentedPerson());
    record.put("priority", "high");

    post(batch(record))
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("https://credence.dev/problems/malformed-request"))
        .body("detail", containsString("priority"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void answers400ProblemForAnEmptyBatch() {
    post("{\"records\":[]}")
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("https://credence.dev/problems/validation-failed"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void answers413ProblemForABatchOverTheLimitAndStoresNothing() {
    ObjectNode[] records = new ObjectNode[1001];
    String nationalId = Projections.newNationalId();
    for (int i = 0; i < records.length; i++) {
      records[i] = tradeline(newRecordId(), nationalId);
    }
    long outcomes = projections.count("ingestion_outcome");

    post(batch(records))
        .statusCode(413)
        .contentType(PROBLEM)
        .body("type", equalTo("https://credence.dev/problems/batch-too-large"))
        .body("limit", equalTo(1000))
        .body("received", equalTo(1001));

    assertEquals(outcomes, projections.count("ingestion_outcome"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void readsBackAnAcceptedRecordForItsFurnisher() {
    String furnisherRecordId = newRecordId();
    String recordId =
        post(batch(tradeline(furnisherRecordId, consentedPerson())))
            .statusCode(200)
            .extract()
            .path("results[0].recordId");

    given()
        .when()
        .get("/v1/records/" + recordId)
        .then()
        .statusCode(200)
        .body("recordId", equalTo(recordId))
        .body("furnisherRecordId", equalTo(furnisherRecordId))
        .body("category", equalTo("TRADELINE"))
        .body("status", equalTo("ACTIVE"))
        .body("reportedOn", equalTo("2026-11-01"))
        .body("data.accountStatus", equalTo("11"));
  }

  @Test
  @TestSecurity(user = "other-furnisher", roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = "other-furnisher"))
  void hidesAnotherFurnishersRecordBehind404() {
    String recordId = acceptedRecordOfTheDemoFurnisher();

    given()
        .when()
        .get("/v1/records/" + recordId)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", equalTo("https://credence.dev/problems/not-found"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void countsOutcomesInMetricsWithoutPersonalLabels() {
    post(batch(tradeline(newRecordId(), consentedPerson()))).statusCode(200);

    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "credence_ingestion_records_total{outcome=\"ACCEPTED\",reason=\"NONE\"}"));
  }

  /** Seeds a record straight into the table, as if the demo furnisher had sent it. */
  private String acceptedRecordOfTheDemoFurnisher() {
    UUID id = UUID.randomUUID();
    projections.single(
        "insert into furnished_record (id, furnisher_id, furnisher_record_id, subject_id, category,"
            + " schema_version, data, content_hash, reported_on, received_at) values (?1,"
            + " 'demo-furnisher', ?2, 'sub-x', 'TRADELINE', 1, '{}'::jsonb, 'h', current_date,"
            + " now()) returning id",
        id,
        newRecordId());
    return id.toString();
  }

  private static UUID uuid(String value) {
    return UUID.fromString(value);
  }
}
