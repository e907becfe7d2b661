package dev.credence.ingestion.service;

import static dev.credence.ingestion.support.Requests.batch;
import static dev.credence.ingestion.support.Requests.newRecordId;
import static dev.credence.ingestion.support.Requests.tradeline;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.DisputeOpened;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.ingestion.rest.dto.RecordSubmission;
import dev.credence.ingestion.support.Projections;
import dev.credence.ingestion.support.Requests;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DisputeFlowTest {
  static final String FURNISHER = "demo-furnisher";

  @Inject Projections projections;
  @Inject ConsentProjection consentEvents;
  @Inject DisputeService disputes;
  @Inject RecordProcessor processor;
  @Inject TestClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  record Held(String subjectId, String nationalId, String furnisherRecordId, String recordId) {}

  private Held acceptedRecord() {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    projections.grantCollect(subjectId, FURNISHER, DataCategory.TRADELINE);
    String furnisherRecordId = newRecordId();
    String recordId =
        given()
            .contentType(ContentType.JSON)
            .body(batch(tradeline(furnisherRecordId, nationalId)))
            .post("/v1/records")
            .then()
            .statusCode(200)
            .extract()
            .path("results[0].recordId");
    return new Held(subjectId, nationalId, furnisherRecordId, recordId);
  }

  private UUID openDispute(Held held) {
    UUID disputeId = UUID.randomUUID();
    EventEnvelope opened =
        EventCodec.envelope(
            Events.DISPUTE_OPENED,
            held.subjectId(),
            "consent-service",
            new DisputeOpened(
                disputeId,
                held.subjectId(),
                UUID.fromString(held.recordId()),
                "not mine",
                clock.instant()),
            Instant.now());
    assertEquals(true, consentEvents.apply(opened));
    assertEquals(false, consentEvents.apply(opened), "a redelivery changes nothing");
    return disputeId;
  }

  private List<String> disputeEvents(UUID disputeId) {
    return projections
        .rows(
            "select (payload -> 'payload' ->> 'sequence') || ':' || (payload -> 'payload' ->> 'status')"
                + " from outbox_event where type = 'dispute.updated'"
                + " and payload -> 'payload' ->> 'disputeId' = ?1 order by created_at, id",
            disputeId.toString())
        .stream()
        .map(String.class::cast)
        .toList();
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aSecondDisputeOverARecordAlreadyUnderDisputeIsRejectedNotOpenedTwice() {
    Held held = acceptedRecord();
    UUID first = openDispute(held);
    UUID second = openDispute(held);
    assertEquals(List.of("1:OPEN"), disputeEvents(first));
    assertEquals(List.of("1:REJECTED"), disputeEvents(second));
    assertEquals(
        0L,
        ((Number) projections.single("select count(*) from dispute where id = ?1", second))
            .longValue(),
        "nothing stored for the second");
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aDisputeFlagsTheRecordAndTheFurnisherVerifiesIt() {
    Held held = acceptedRecord();
    UUID disputeId = openDispute(held);

    assertEquals(List.of("1:OPEN"), disputeEvents(disputeId));
    assertEquals(
        "OPEN",
        projections.single(
            "select dispute_status from furnished_record where id = ?1",
            UUID.fromString(held.recordId())));
    given()
        .get("/v1/disputes?status=OPEN")
        .then()
        .statusCode(200)
        .body("disputeId", hasItem(disputeId.toString()));

    given()
        .post("/v1/disputes/" + disputeId + "/verify")
        .then()
        .statusCode(200)
        .body("status", equalTo("VERIFIED"))
        .body("sequence", equalTo(2));
    given()
        .post("/v1/disputes/" + disputeId + "/delete")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://credence.dev/problems/dispute-closed"));

    assertEquals(List.of("1:OPEN", "2:VERIFIED"), disputeEvents(disputeId));
    assertEquals("ACTIVE", projections.status(held.recordId()));
    given()
        .get("/v1/disputes?status=OPEN")
        .then()
        .body("disputeId", not(hasItem(disputeId.toString())));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void deletingADisputedRecordWithdrawsIt() {
    Held held = acceptedRecord();
    UUID disputeId = openDispute(held);

    given().post("/v1/disputes/" + disputeId + "/delete").then().statusCode(200);

    assertEquals("DELETED", projections.status(held.recordId()));
    List<JsonNode> events = projections.eventsAbout(held.recordId());
    JsonNode withdrawn =
        events.stream()
            .filter(e -> e.get("type").asText().equals("record.withdrawn"))
            .findFirst()
            .orElseThrow();
    assertEquals("DELETED", withdrawn.at("/payload/reason").asText());
    assertEquals(List.of("1:OPEN", "2:DELETED"), disputeEvents(disputeId));
  }

  /** A routine update of the disputed record: the furnisher's next monthly extract. */
  private String update(Held held, String reportedOn, double balance) {
    ObjectNode update = tradeline(held.furnisherRecordId(), held.nationalId());
    ((ObjectNode) update.get("data")).put("currentBalance", balance).put("reportedOn", reportedOn);
    return given()
        .contentType(ContentType.JSON)
        .body(batch(update))
        .post("/v1/records")
        .then()
        .statusCode(200)
        .extract()
        .path("results[0].recordId");
  }

  private String lastDisputeRecordId(UUID disputeId) {
    List<Object> ids =
        projections.rows(
            "select payload -> 'payload' ->> 'recordId' from outbox_event"
                + " where type = 'dispute.updated' and payload -> 'payload' ->> 'disputeId' = ?1"
                + " order by created_at desc, (payload -> 'payload' ->> 'sequence')::int desc",
            disputeId.toString());
    return (String) ids.get(0);
  }

  private Object disputeFlag(String recordId) {
    return projections.single(
        "select dispute_status from furnished_record where id = ?1", UUID.fromString(recordId));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aRoutineUpdateKeepsTheDisputeOpenAndMovesItToTheNewVersion() {
    Held held = acceptedRecord();
    UUID disputeId = openDispute(held);

    String v2 = update(held, "2026-11-02", 980.10);

    assertEquals("SUPERSEDED", projections.status(held.recordId()));
    assertEquals("ACTIVE", projections.status(v2));
    assertEquals(List.of("1:OPEN", "2:OPEN"), disputeEvents(disputeId));
    assertEquals(v2, lastDisputeRecordId(disputeId), "scoring marks the new version disputed");
    assertEquals("OPEN", disputeFlag(v2));
    given()
        .get("/v1/disputes?status=OPEN")
        .then()
        .statusCode(200)
        .body("find { it.disputeId == '" + disputeId + "' }.recordId", equalTo(v2))
        .body(
            "find { it.disputeId == '" + disputeId + "' }.disputedRecordId",
            equalTo(held.recordId()))
        .body("find { it.disputeId == '" + disputeId + "' }.sequence", equalTo(2));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void anUnansweredDisputeSuppressesTheVersionTheRecordWasUpdatedTo() {
    Held held = acceptedRecord();
    UUID disputeId = openDispute(held);
    String v2 = update(held, "2026-11-02", 980.10);
    String v3 = update(held, "2026-11-03", 990.10);

    clock.advance(Duration.ofDays(30).plusMinutes(1));
    disputes.suppressOverdue();

    assertEquals("SUPERSEDED", projections.status(v2));
    assertEquals("SUPPRESSED", projections.status(v3));
    assertEquals(List.of("1:OPEN", "2:OPEN", "3:OPEN", "4:SUPPRESSED"), disputeEvents(disputeId));
    assertEquals(
        1,
        projections.eventsAbout(v3).stream()
            .filter(e -> e.get("type").asText().equals("record.withdrawn"))
            .filter(e -> e.at("/payload/reason").asText().equals("SUPPRESSED"))
            .count());
    for (String version : List.of(held.recordId(), v2, v3)) {
      assertEquals("SUPPRESSED", disputeFlag(version), "every version the dispute covered");
    }
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aSuppressedRecordIsNotReinsertedByTheNextRoutineUpdate() {
    Held held = acceptedRecord();
    openDispute(held);
    clock.advance(Duration.ofDays(30).plusMinutes(1));
    disputes.suppressOverdue();
    ObjectNode next = tradeline(held.furnisherRecordId(), held.nationalId());
    ((ObjectNode) next.get("data")).put("currentBalance", 1300).put("reportedOn", "2026-12-01");

    given()
        .contentType(ContentType.JSON)
        .body(batch(next))
        .post("/v1/records")
        .then()
        .statusCode(200)
        .body("results[0].outcome", equalTo("REJECTED"))
        .body("results[0].reason.code", equalTo("REINSERTION_REFUSED"))
        .body("results[0].recordId", equalTo(null));

    assertEquals("SUPPRESSED", projections.status(held.recordId()));
    assertEquals(
        1L,
        projections.countWhere(
            "select count(*) from furnished_record where furnisher_id = ?1"
                + " and furnisher_record_id = ?2",
            FURNISHER,
            held.furnisherRecordId()));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aRecordDeletedInAnswerToADisputeIsNotReinsertedByTheNextRoutineUpdate() {
    Held held = acceptedRecord();
    UUID disputeId = openDispute(held);
    given().post("/v1/disputes/" + disputeId + "/delete").then().statusCode(200);

    ObjectNode next = tradeline(held.furnisherRecordId(), held.nationalId());
    ((ObjectNode) next.get("data")).put("currentBalance", 1300).put("reportedOn", "2026-11-02");
    given()
        .contentType(ContentType.JSON)
        .body(batch(next))
        .post("/v1/records")
        .then()
        .statusCode(200)
        .body("results[0].reason.code", equalTo("REINSERTION_REFUSED"));

    assertEquals("DELETED", projections.status(held.recordId()));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void theFurnisherAnswersCorrectedOnlyOnceItHasSentTheCorrection() {
    Held held = acceptedRecord();
    UUID disputeId = openDispute(held);

    given()
        .post("/v1/disputes/" + disputeId + "/correct")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://credence.dev/problems/no-correction-sent"));
    String v2 = update(held, "2026-11-02", 0);
    given()
        .post("/v1/disputes/" + disputeId + "/correct")
        .then()
        .statusCode(200)
        .body("status", equalTo("CORRECTED"))
        .body("recordId", equalTo(v2))
        .body("sequence", equalTo(3));

    assertEquals(List.of("1:OPEN", "2:OPEN", "3:CORRECTED"), disputeEvents(disputeId));
    assertEquals("ACTIVE", projections.status(v2));
    assertEquals("CORRECTED", disputeFlag(held.recordId()));
    assertEquals("CORRECTED", disputeFlag(v2));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void verifyingAfterARoutineUpdateConfirmsTheCurrentVersion() {
    Held held = acceptedRecord();
    UUID disputeId = openDispute(held);
    String v2 = update(held, "2026-11-02", 980.10);

    given()
        .post("/v1/disputes/" + disputeId + "/verify")
        .then()
        .statusCode(200)
        .body("status", equalTo("VERIFIED"))
        .body("recordId", equalTo(v2));

    assertEquals("ACTIVE", projections.status(v2));
    assertEquals(List.of("1:OPEN", "2:OPEN", "3:VERIFIED"), disputeEvents(disputeId));
    String v3 = update(held, "2026-11-03", 990.10);
    assertEquals("ACTIVE", projections.status(v3), "a verified record is updated as usual");
    assertEquals(List.of("1:OPEN", "2:OPEN", "3:VERIFIED"), disputeEvents(disputeId));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aDeleteAccountTradelineResolvesTheDisputeAsDeleted() {
    Held held = acceptedRecord();
    UUID disputeId = openDispute(held);
    ObjectNode deletion = tradeline(held.furnisherRecordId(), held.nationalId());
    ((ObjectNode) deletion.get("data")).put("accountStatus", "DA");

    given()
        .contentType(ContentType.JSON)
        .body(batch(deletion))
        .post("/v1/records")
        .then()
        .body("results[0].outcome", equalTo("DELETED"));

    assertEquals(List.of("1:OPEN", "2:DELETED"), disputeEvents(disputeId));
    assertEquals("DELETED", projections.status(held.recordId()));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void theDisputeClockSuppressesUnansweredDisputesOnly() {
    Held unanswered = acceptedRecord();
    UUID late = openDispute(unanswered);
    Held verified = acceptedRecord();
    UUID answered = openDispute(verified);
    given().post("/v1/disputes/" + answered + "/verify").then().statusCode(200);

    clock.advance(Duration.ofDays(29));
    disputes.suppressOverdue();
    assertEquals("ACTIVE", projections.status(unanswered.recordId()));

    clock.advance(Duration.ofDays(2));
    disputes.suppressOverdue();
    disputes.suppressOverdue();

    assertEquals("SUPPRESSED", projections.status(unanswered.recordId()));
    assertEquals("ACTIVE", projections.status(verified.recordId()));
    assertEquals(List.of("1:OPEN", "2:SUPPRESSED"), disputeEvents(late));
    assertEquals(List.of("1:OPEN", "2:VERIFIED"), disputeEvents(answered));
    assertEquals(
        1,
        projections.eventsAbout(unanswered.recordId()).stream()
            .filter(e -> e.at("/payload/reason").asText().equals("SUPPRESSED"))
            .count());
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void refusesAVerificationAfterTheWindowAndSuppressesTheRecordBeforeTheSweep() {
    Held held = acceptedRecord();
    UUID disputeId = openDispute(held);

    clock.advance(Duration.ofDays(30).plusMinutes(1));
    given()
        .post("/v1/disputes/" + disputeId + "/verify")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://credence.dev/problems/dispute-closed"))
        .body("status", equalTo("SUPPRESSED"));

    disputes.suppressOverdue();
    given().post("/v1/disputes/" + disputeId + "/delete").then().statusCode(409);

    assertEquals("SUPPRESSED", projections.status(held.recordId()));
    assertEquals(List.of("1:OPEN", "2:SUPPRESSED"), disputeEvents(disputeId));
    assertEquals(
        1,
        projections.eventsAbout(held.recordId()).stream()
            .filter(e -> e.get("type").asText().equals("record.withdrawn"))
            .filter(e -> e.at("/payload/reason").asText().equals("SUPPRESSED"))
            .count());
  }

  /**
   * A dispute being opened (not committed yet) when the furnisher's next update arrives: the update
   * waits for it (the furnisher's intake lock) and takes the dispute along to the new version,
   * instead of leaving it on a superseded version where the day-30 suppression withdraws nothing.
   */
  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aDisputeOpenedWhileAnUpdateArrivesFollowsTheUpdate() throws Exception {
    Held held = acceptedRecord();
    UUID disputeId = UUID.randomUUID();
    CountDownLatch opened = new CountDownLatch(1);
    CompletableFuture<Boolean> opening =
        CompletableFuture.supplyAsync(
            () ->
                QuarkusTransaction.requiringNew()
                    .call(
                        () -> {
                          boolean result =
                              disputes.open(
                                  new DisputeOpened(
                                      disputeId,
                                      held.subjectId(),
                                      UUID.fromString(held.recordId()),
                                      "not mine",
                                      clock.instant()),
                                  clock.instant());
                          opened.countDown();
                          Thread.sleep(1_500); // the update arrives meanwhile
                          return result;
                        }));
    assertTrue(opened.await(30, TimeUnit.SECONDS));
    ObjectNode update = tradeline(held.furnisherRecordId(), held.nationalId());
    ((ObjectNode) update.get("data")).put("currentBalance", 980.1).put("reportedOn", "2026-11-02");
    RecordSubmission submission = Requests.JSON.treeToValue(update, RecordSubmission.class);

    List<RecordProcessor.Evaluated> out =
        processor.process(
            UUID.randomUUID(), FURNISHER, List.of(RecordProcessor.Item.of(1L, submission)));

    assertTrue(opening.get(30, TimeUnit.SECONDS));
    String v2 = out.get(0).recordId().toString();
    assertEquals(List.of("1:OPEN", "2:OPEN"), disputeEvents(disputeId));
    assertEquals(v2, lastDisputeRecordId(disputeId));
  }

  @Test
  @TestSecurity(user = "other-furnisher", roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = "other-furnisher"))
  void anotherFurnisherNeitherSeesNorAnswersTheDispute() {
    Held held = acceptedRecordAsDemoFurnisher();
    UUID disputeId = openDispute(held);

    given()
        .get("/v1/disputes")
        .then()
        .statusCode(200)
        .body("disputeId", not(hasItem(disputeId.toString())));
    given().post("/v1/disputes/" + disputeId + "/verify").then().statusCode(404);
    given().post("/v1/disputes/" + disputeId + "/delete").then().statusCode(404);
    given().get("/v1/records/" + held.recordId()).then().statusCode(404);
    assertEquals("ACTIVE", projections.status(held.recordId()));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsADisputeAboutSomeoneElsesRecordWithoutNamingItsFurnisher() {
    Held held = acceptedRecord();
    UUID disputeId = UUID.randomUUID();
    consentEvents.apply(
        EventCodec.envelope(
            Events.DISPUTE_OPENED,
            "sub-someone-else",
            "consent-service",
            new DisputeOpened(
                disputeId,
                "sub-someone-else",
                UUID.fromString(held.recordId()),
                "x",
                Instant.now()),
            Instant.now()));
    assertEquals(List.of("1:REJECTED"), disputeEvents(disputeId));
    assertEquals(
        List.of(true),
        projections.rows(
            "select payload -> 'payload' ->> 'furnisherId' is null from outbox_event"
                + " where type = 'dispute.updated' and payload -> 'payload' ->> 'disputeId' = ?1",
            disputeId.toString()));
    assertFalse(
        "OPEN"
            .equals(
                projections.single(
                    "select dispute_status from furnished_record where id = ?1",
                    UUID.fromString(held.recordId()))));
    given().get("/v1/disputes?status=bogus").then().statusCode(400);
    given().get("/v1/disputes?status=CORRECTED").then().statusCode(200);
  }

  /** A record of demo-furnisher, written directly (the caller of this test is another client). */
  private Held acceptedRecordAsDemoFurnisher() {
    String subjectId = projections.enrolPerson(Projections.newNationalId());
    UUID recordId = UUID.randomUUID();
    projections.rows(
        "insert into furnished_record (id, furnisher_id, furnisher_record_id, subject_id, category,"
            + " schema_version, data, content_hash, reported_on, received_at, status)"
            + " values (?1, 'demo-furnisher', ?2, ?3, 'TRADELINE', 1, '{}'::jsonb, 'h', current_date,"
            + " now(), 'ACTIVE') returning id",
        recordId,
        newRecordId(),
        subjectId);
    return new Held(subjectId, null, null, recordId.toString());
  }
}
