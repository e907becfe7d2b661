package dev.credence.ingestion.service;

import static dev.credence.ingestion.support.Requests.batch;
import static dev.credence.ingestion.support.Requests.newRecordId;
import static dev.credence.ingestion.support.Requests.tradeline;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Events;
import dev.credence.common.events.SubjectErasureRequested;
import dev.credence.ingestion.domain.Outcome;
import dev.credence.ingestion.rest.dto.RecordSubmission;
import dev.credence.ingestion.support.Projections;
import dev.credence.ingestion.support.Requests;
import dev.credence.ingestion.support.Samples;
import dev.credence.ingestion.support.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErasureAndRetentionTest {
  static final String FURNISHER = "demo-furnisher";

  @Inject Projections projections;
  @Inject ConsentProjection consentEvents;
  @Inject ErasureService erasure;
  @Inject RetentionService retention;
  @Inject TestClock clock;
  @Inject RecordProcessor processor;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private static String submit(ObjectNode record) {
    return given()
        .contentType(ContentType.JSON)
        .body(batch(record))
        .post("/v1/records")
        .then()
        .statusCode(200)
        .body("results[0].outcome", org.hamcrest.Matchers.oneOf("ACCEPTED", "SUPERSEDED"))
        .extract()
        .path("results[0].recordId");
  }

  /**
   * Applies a consent.changed of demo-furnisher's TRADELINE COLLECT consent, as the consumer would.
   */
  private boolean tradelineConsent(
      UUID consentId,
      long sequence,
      String subjectId,
      ConsentStatus status,
      Instant start,
      Instant end) {
    return consentEvents.apply(
        Projections.consentChanged(
            consentId, sequence, subjectId, FURNISHER, status, start, end, DataCategory.TRADELINE));
  }

  private long withdrawnEvents(String recordId, String reason) {
    return projections.eventsAbout(recordId).stream()
        .filter(e -> e.get("type").asText().equals("record.withdrawn"))
        .filter(e -> e.at("/payload/reason").asText().equals(reason))
        .count();
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aRevokedCollectConsentErasesExactlyThatFurnishersRecordsOfItsCategories() {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    Instant start = Instant.now().minus(Duration.ofDays(1));
    Instant end = Instant.now().plus(Duration.ofDays(365));
    UUID tradelines = UUID.randomUUID();
    tradelineConsent(tradelines, 1, subjectId, ConsentStatus.ACTIVE, start, end);
    projections.grantCollect(subjectId, FURNISHER, DataCategory.INCOME);
    String frid = newRecordId();
    String v1 = submit(tradeline(frid, nationalId));
    ObjectNode correction = tradeline(frid, nationalId);
    ((ObjectNode) correction.get("data")).put("currentBalance", 5);
    String v2 = submit(correction);
    String income =
        submit(Samples.record(newRecordId(), DataCategory.INCOME, "NATIONAL_ID", nationalId));
    // another furnisher's tradeline of the same person
    UUID otherRecord = UUID.randomUUID();
    projections.rows(
        "insert into furnished_record (id, furnisher_id, furnisher_record_id, subject_id, category,"
            + " schema_version, data, content_hash, reported_on, received_at, status)"
            + " values (?1, 'other-furnisher', 'x-1', ?2, 'TRADELINE', 1, '{\"a\":1}'::jsonb, 'h',"
            + " current_date, now(), 'ACTIVE') returning id",
        otherRecord,
        subjectId);

    // the relay has published the accepted records' events: the outbox keeps their content
    projections.execute(
        "update outbox_event set published_at = now() where message_key = ?1", subjectId);

    tradelineConsent(tradelines, 2, subjectId, ConsentStatus.REVOKED, start, end);

    assertEquals(
        0,
        projections.countWhere(
            "select count(*) from outbox_event where message_key = ?1 and type = 'record.accepted'"
                + " and payload->'payload'->>'category' = 'TRADELINE'",
            subjectId),
        "no copy of the erased tradelines' content stays in the outbox");
    assertEquals(
        1,
        projections.countWhere(
            "select count(*) from outbox_event where message_key = ?1 and type = 'record.accepted'"
                + " and payload->'payload'->>'category' = 'INCOME'",
            subjectId),
        "the income record, still under its own consent, keeps its copy");
    assertEquals("ERASED", projections.status(v1));
    assertEquals("ERASED", projections.status(v2));
    assertEquals("ACTIVE", projections.status(income));
    assertEquals("ACTIVE", projections.status(otherRecord.toString()));
    assertEquals(
        "{}",
        projections.single(
            "select cast(data as text) from furnished_record where id = ?1", UUID.fromString(v2)));
    assertEquals(1, withdrawnEvents(v2, "ERASED"));
    assertEquals(0, withdrawnEvents(v1, "ERASED"), "v1 was already withdrawn (superseded)");
    // idempotent: a sweep and a redelivered revocation change nothing more
    long outbox = projections.outboxRows();
    erasure.sweepEndedConsents();
    tradelineConsent(tradelines, 2, subjectId, ConsentStatus.REVOKED, start, end);
    assertEquals(outbox, projections.outboxRows());
    assertEquals(
        1,
        projections.countWhere(
            "select count(*) from log_trim where message_key = ?1 and topic like 'credence.records.%'",
            subjectId),
        "one cut of the subject's records off the records topic is asked for, once");
    // the tombstone keeps replays duplicate (and never re-collects)
    given()
        .contentType(ContentType.JSON)
        .body(batch(correction))
        .post("/v1/records")
        .then()
        .body("results[0].outcome", equalTo("DUPLICATE"))
        .body("results[0].recordId", equalTo(v2));
    assertEquals("ERASED", projections.status(v2));
  }

  /**
   * An intake that read the consent as ACTIVE and has not committed when the revocation is applied:
   * the erasure waits for it (the furnisher's intake lock) and erases its record too, instead of
   * leaving it ACTIVE under a revoked consent for good.
   */
  @Test
  void aRecordAcceptedWhileTheRevocationIsBeingAppliedIsErasedToo() throws Exception {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    Instant start = Instant.now().minus(Duration.ofDays(1));
    Instant end = Instant.now().plus(Duration.ofDays(365));
    UUID consentId = UUID.randomUUID();
    tradelineConsent(consentId, 1, subjectId, ConsentStatus.ACTIVE, start, end);
    RecordSubmission submission =
        Requests.JSON.treeToValue(tradeline(newRecordId(), nationalId), RecordSubmission.class);
    CountDownLatch judged = new CountDownLatch(1);

    CompletableFuture<List<RecordProcessor.Evaluated>> intake =
        CompletableFuture.supplyAsync(
            () ->
                QuarkusTransaction.requiringNew()
                    .call(
                        () -> {
                          List<RecordProcessor.Evaluated> out =
                              processor.process(
                                  UUID.randomUUID(),
                                  FURNISHER,
                                  List.of(RecordProcessor.Item.of(1L, submission)));
                          judged.countDown();
                          Thread.sleep(1_500); // the revocation is applied meanwhile
                          return out;
                        }));
    assertTrue(judged.await(30, TimeUnit.SECONDS));
    CompletableFuture<Boolean> revocation =
        CompletableFuture.supplyAsync(
            () -> tradelineConsent(consentId, 2, subjectId, ConsentStatus.REVOKED, start, end));

    RecordProcessor.Evaluated accepted = intake.get(30, TimeUnit.SECONDS).get(0);
    assertTrue(revocation.get(30, TimeUnit.SECONDS));
    assertEquals(Outcome.ACCEPTED, accepted.outcome(), "judged while the consent was ACTIVE");
    assertEquals("ERASED", projections.status(accepted.recordId().toString()));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aConsentPastItsExpiryErasesOnTheNextSweepWithoutAnyEvent() {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    projections.grantCollect(
        subjectId,
        FURNISHER,
        Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofHours(1)),
        DataCategory.TRADELINE);
    String record = submit(tradeline(newRecordId(), nationalId));

    erasure.sweepEndedConsents();
    assertEquals("ACTIVE", projections.status(record));
    clock.advance(Duration.ofHours(2));
    erasure.sweepEndedConsents();

    assertEquals("ERASED", projections.status(record));
    assertEquals(1, withdrawnEvents(record, "ERASED"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void anErasureRequestErasesConsentBoundRecordsButNotOrganisationPublicRecords() {
    String registration = "REG-" + UUID.randomUUID();
    String orgId = projections.registerOrganisation(registration);
    projections.grantCollect(orgId, FURNISHER, DataCategory.TRADE_PAYMENT);
    String judgment =
        submit(
            Samples.record(
                newRecordId(), DataCategory.COURT_JUDGMENT, "COMPANY_REGISTRATION", registration));
    String trade =
        submit(
            Samples.record(
                newRecordId(), DataCategory.TRADE_PAYMENT, "COMPANY_REGISTRATION", registration));

    // the relay has published the two records' events: the outbox keeps copies of their content
    projections.execute(
        "update outbox_event set published_at = now() where message_key = ?1", orgId);
    assertEquals(
        2,
        projections.countWhere(
            "select count(*) from outbox_event where message_key = ?1 and published_at is not null",
            orgId));

    var request =
        EventCodec.envelope(
            Events.SUBJECT_ERASURE_REQUESTED,
            orgId,
            "consent-service",
            new SubjectErasureRequested(UUID.randomUUID(), orgId, Instant.now()),
            Instant.now());
    assertEquals(true, consentEvents.apply(request));
    assertEquals(false, consentEvents.apply(request));

    assertEquals("ERASED", projections.status(trade));
    assertEquals("ACTIVE", projections.status(judgment));
    assertEquals(1, withdrawnEvents(trade, "ERASED"), "the withdrawal still leaves");
    assertEquals(
        0,
        projections.countWhere(
            "select count(*) from outbox_event where message_key = ?1 and published_at is not null",
            orgId),
        "no published copy of the subject's events is kept in the outbox");
    assertEquals(
        1,
        projections.countWhere(
            "select count(*) from log_trim where message_key = ?1 and topic like 'credence.records.%'"
                + " and cut_at is null",
            orgId),
        "the copies on the records topic are to be cut once its readers have read them");
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void negativeItemsAgeOutOnTheirDayAndOnlyOnce() {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    projections.grantCollect(
        subjectId, FURNISHER, DataCategory.TRADELINE, DataCategory.PUBLIC_RECORD);
    ObjectNode delinquent = tradeline(newRecordId(), nationalId);
    ((ObjectNode) delinquent.get("data"))
        .put("accountStatus", "84")
        .put(
            "dateOfFirstDelinquency",
            Instant.now().minus(Duration.ofDays(365 * 7 - 10)).toString().substring(0, 10));
    String tradelineId = submit(delinquent);
    ObjectNode bankruptcy =
        Samples.record(newRecordId(), DataCategory.PUBLIC_RECORD, "NATIONAL_ID", nationalId);
    ((ObjectNode) bankruptcy.get("data"))
        .put("recordType", "BANKRUPTCY")
        .put(
            "filedOn",
            Instant.now().minus(Duration.ofDays(365 * 7 - 10)).toString().substring(0, 10));
    String bankruptcyId = submit(bankruptcy);
    String current = submit(tradeline(newRecordId(), nationalId));

    retention.ageOut();
    assertEquals("ACTIVE", projections.status(tradelineId));
    clock.advance(Duration.ofDays(20));
    retention.ageOut();
    retention.ageOut();

    assertEquals("AGED_OUT", projections.status(tradelineId));
    assertEquals(1, withdrawnEvents(tradelineId, "AGED_OUT"));
    assertEquals("ACTIVE", projections.status(bankruptcyId), "bankruptcies stay ten years");
    assertEquals("ACTIVE", projections.status(current));
    clock.advance(Duration.ofDays(365 * 3 + 10));
    retention.ageOut();
    assertEquals("AGED_OUT", projections.status(bankruptcyId));
  }

  /**
   * Late rent and an organisation's tax arrears are negative items like a delinquent tradeline:
   * each gets an ageing day from a date of its own and ages out on it. They used to have no clock
   * at all and would have counted for ever.
   */
  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void lateRentAndTaxArrearsAgeOutSevenYearsAfterTheDateThatStartsTheirClock() {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    projections.grantCollect(subjectId, FURNISHER, DataCategory.ALT_PAYMENT);
    String registration = "REG-" + UUID.randomUUID();
    projections.registerOrganisation(registration);
    LocalDate start = LocalDate.now(java.time.ZoneOffset.UTC).minusYears(7).plusDays(10);
    ObjectNode lateRent =
        Samples.record(newRecordId(), DataCategory.ALT_PAYMENT, "NATIONAL_ID", nationalId);
    ((ObjectNode) lateRent.get("data"))
        .put("paymentHistoryProfile", "000000000000100000000000")
        .put("openedOn", start.minusYears(1).toString())
        .put("dateOfFirstDelinquency", start.toString());
    String rentId = submit(lateRent);
    ObjectNode arrears =
        Samples.record(
            newRecordId(), DataCategory.TAX_COMPLIANCE, "COMPANY_REGISTRATION", registration);
    ((ObjectNode) arrears.get("data")).put("status", "ARREARS").put("periodEnd", start.toString());
    String arrearsId = submit(arrears);
    ObjectNode compliant =
        Samples.record(
            newRecordId(), DataCategory.TAX_COMPLIANCE, "COMPANY_REGISTRATION", registration);
    ((ObjectNode) compliant.get("data"))
        .put("status", "COMPLIANT")
        .put("periodEnd", start.toString())
        .remove("arrearsAmount");
    String compliantId = submit(compliant);

    for (String id : List.of(rentId, arrearsId)) {
      assertEquals(
          start.plusYears(7),
          projections.single(
              "select ages_out_on from furnished_record where id = ?1", UUID.fromString(id)));
    }
    retention.ageOut();
    assertEquals("ACTIVE", projections.status(rentId));
    clock.advance(Duration.ofDays(20));
    retention.ageOut();

    assertEquals("AGED_OUT", projections.status(rentId));
    assertEquals("AGED_OUT", projections.status(arrearsId));
    assertEquals("ACTIVE", projections.status(compliantId), "a compliant period is not negative");
    assertEquals(1, withdrawnEvents(arrearsId, "AGED_OUT"));
  }

  @Test
  @TestSecurity(user = "person", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = "person"))
  void theSubjectSeesEveryRecordHeldAboutThem() {
    // seeded directly: this caller is a person, not a furnisher
    String subjectId = "person";
    projections.rows(
        "insert into subject_view (subject_id, subject_type, registered_at) values ('person',"
            + " 'PERSON', now()) on conflict do nothing returning subject_id");
    UUID id = UUID.randomUUID();
    projections.rows(
        "insert into furnished_record (id, furnisher_id, furnisher_record_id, subject_id, category,"
            + " schema_version, data, content_hash, reported_on, received_at, status, dispute_status)"
            + " values (?1, 'demo-furnisher', ?2, ?3, 'INCOME', 1, '{\"amount\":1}'::jsonb, 'h',"
            + " date '2026-11-01', now(), 'ACTIVE', 'OPEN') returning id",
        id,
        newRecordId(),
        subjectId);

    given()
        .get("/v1/me/records")
        .then()
        .statusCode(200)
        .body("findAll { it.recordId == '" + id + "' }.status", contains("ACTIVE"))
        .body("findAll { it.recordId == '" + id + "' }.disputeStatus", contains("OPEN"))
        .body("findAll { it.recordId == '" + id + "' }.category", contains("INCOME"))
        .body("findAll { it.recordId == '" + id + "' }.reportedOn", contains("2026-11-01"))
        .body("findAll { it.recordId == '" + id + "' }.data.amount", contains(1))
        .body("furnisherId", org.hamcrest.Matchers.everyItem(equalTo("demo-furnisher")));
    List<?> unused = List.of();
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  void aFurnisherCannotReadTheSubjectView() {
    given().get("/v1/me/records").then().statusCode(403);
  }
}
