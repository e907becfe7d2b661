package dev.credence.ingestion.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.ConsentChanged;
import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.IdentifierType;
import dev.credence.common.events.PoisonEventException;
import dev.credence.common.events.Purpose;
import dev.credence.common.events.SubjectRegistered;
import dev.credence.common.events.SubjectType;
import dev.credence.common.identity.IdentifierHasher;
import dev.credence.common.testing.DatabaseOutage;
import dev.credence.ingestion.service.ConsentProjection;
import dev.credence.ingestion.support.Projections;
import dev.credence.ingestion.support.Requests;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsentEventsConsumerTest {
  @Inject ConsentEventsConsumer consumer;
  @Inject IdentifierHasher hasher;
  @Inject Projections projections;
  @Inject AgroalDataSource dataSource;
  @Inject MeterRegistry meters;

  private EventEnvelope registration(String subjectId, String nationalId) {
    return EventCodec.envelope(
        Events.SUBJECT_REGISTERED,
        subjectId,
        "consent-service",
        new SubjectRegistered(
            subjectId,
            SubjectType.PERSON,
            List.of(hasher.hash(IdentifierType.NATIONAL_ID, nationalId)),
            Instant.now()),
        Instant.now());
  }

  private static EventEnvelope consentChange(
      UUID consentId, long sequence, String subjectId, ConsentStatus status) {
    Instant now = Instant.now();
    return EventCodec.envelope(
        Events.CONSENT_CHANGED,
        subjectId,
        "consent-service",
        new ConsentChanged(
            consentId,
            sequence,
            subjectId,
            "demo-furnisher",
            ConsentDirection.COLLECT,
            Purpose.FURNISHING,
            List.of(DataCategory.TRADELINE),
            status,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(365)),
            null,
            now,
            null),
        now);
  }

  private long processed(EventEnvelope e) {
    return projections.countWhere(
        "select count(*) from processed_event where consumer = ?1 and event_id = ?2",
        ConsentProjection.CONSUMER,
        e.eventId());
  }

  /**
   * PostgreSQL ends every session the service holds (a restart or failover), then a revocation
   * arrives: it is applied once the database answers. It used to be dead-lettered after six
   * attempts (6.2 s), leaving the ingestion gate open for a revoked consent.
   */
  @Test
  void aRevocationThatMeetsACutConnectionIsAppliedNotDeadLettered() throws Exception {
    String subjectId = "sub-" + UUID.randomUUID();
    UUID consentId = UUID.randomUUID();
    assertTrue(consumer.handle(registration(subjectId, Projections.newNationalId())));
    assertTrue(consumer.handle(consentChange(consentId, 1, subjectId, ConsentStatus.ACTIVE)));
    EventEnvelope revoked = consentChange(consentId, 2, subjectId, ConsentStatus.REVOKED);

    double before = DatabaseOutage.retries(meters, ConsentProjection.CONSUMER);
    int ended = DatabaseOutage.endSessions();
    try {
      assertTrue(ended >= 1, "the pool held no connection to end");
      assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> consumer.handle(revoked)));
      assertTrue(
          DatabaseOutage.retries(meters, ConsentProjection.CONSUMER) > before,
          "the first attempt met a cut connection and was retried");
    } finally {
      dataSource.flush(AgroalDataSource.FlushMode.ALL); // no dead connection left for later tests
      DatabaseOutage.awaitHealthyPool(dataSource, 8);
    }
    assertEquals(1, processed(revoked));
    assertEquals(
        1,
        projections.countWhere(
            "select count(*) from consent_view where consent_id = ?1 and status = 'REVOKED'",
            consentId));
  }

  @Test
  void appliesTheSameSubjectRegistrationOnlyOnceWhenDeliveredTwice() {
    String subjectId = "sub-" + UUID.randomUUID();
    EventEnvelope event = registration(subjectId, Projections.newNationalId());
    String json = EventCodec.write(event);

    assertTrue(consumer.handle(EventCodec.read(json)));
    assertFalse(consumer.handle(EventCodec.read(json)));

    assertEquals(1, processed(event));
    assertEquals(
        1,
        projections.countWhere(
            "select count(*) from subject_identifier_view where subject_id = ?1", subjectId));
    assertEquals(
        "PERSON",
        projections.single(
            "select subject_type from subject_view where subject_id = ?1", subjectId));
  }

  @Test
  void keepsTheNewerConsentStateWhenAnOlderSequenceArrivesLate() {
    String subjectId = "sub-" + UUID.randomUUID();
    UUID consentId = UUID.randomUUID();
    consumer.consume(
        EventCodec.write(consentChange(consentId, 2, subjectId, ConsentStatus.REVOKED)));

    consumer.consume(
        EventCodec.write(consentChange(consentId, 1, subjectId, ConsentStatus.ACTIVE)));

    assertEquals(
        "REVOKED",
        projections.single("select status from consent_view where consent_id = ?1", consentId));
    assertEquals(
        2L,
        ((Number)
                projections.single(
                    "select sequence from consent_view where consent_id = ?1", consentId))
            .longValue());
  }

  @Test
  void replacesTheConsentStateWithANewerSequence() {
    String subjectId = "sub-" + UUID.randomUUID();
    UUID consentId = UUID.randomUUID();
    consumer.consume(
        EventCodec.write(consentChange(consentId, 1, subjectId, ConsentStatus.ACTIVE)));

    consumer.consume(
        EventCodec.write(consentChange(consentId, 2, subjectId, ConsentStatus.REVOKED)));

    assertEquals(
        "REVOKED",
        projections.single("select status from consent_view where consent_id = ?1", consentId));
  }

  @Test
  void aHeartbeatMovesOnlyTheWatermarkOfThePartitionItArrivedOn() {
    Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    EventEnvelope beat =
        EventCodec.envelope(
            Events.CONSENT_HEARTBEAT,
            "consent-heartbeat:4",
            "consent-service",
            new dev.credence.common.events.ConsentHeartbeat(4, 6, at),
            at);
    double before = DatabaseOutage.retries(meters, ConsentProjection.CONSUMER);

    assertFalse(consumer.handle(beat, 4), "no change to the projection");

    assertEquals(0, processed(beat), "not in the ledger");
    assertEquals(before, DatabaseOutage.retries(meters, ConsentProjection.CONSUMER));
    assertEquals(
        at,
        ((Instant)
            projections.single(
                "select heartbeat_at from consent_watermark where partition_no = 4")));
    assertEquals(
        6,
        ((Number)
                projections.single(
                    "select partitions from consent_watermark where partition_no = 4"))
            .intValue());
  }

  @Test
  void aHeartbeatForAPartitionTheTopicDoesNotHaveIsPoison() {
    Instant at = Instant.now();
    EventEnvelope beat =
        EventCodec.envelope(
            Events.CONSENT_HEARTBEAT,
            "consent-heartbeat:9",
            "consent-service",
            new dev.credence.common.events.ConsentHeartbeat(9, 6, at),
            at);
    org.junit.jupiter.api.Assertions.assertThrows(
        dev.credence.common.events.PoisonEventException.class, () -> consumer.handle(beat, 9));
  }

  @Test
  void ignoresEventTypesItDoesNotKnow() {
    EventEnvelope unknown =
        new EventEnvelope(
            UUID.randomUUID(),
            "subject.renamed",
            1,
            "sub-x",
            Instant.now(),
            "consent-service",
            Requests.JSON.createObjectNode().put("anything", 1));

    assertFalse(consumer.handle(unknown));
    assertEquals(0, processed(unknown));
  }

  @Test
  void treatsUnparseableAndIncompleteEventsAsPoison() {
    assertThrows(PoisonEventException.class, () -> consumer.consume("{not json"));

    EventEnvelope incomplete =
        new EventEnvelope(
            UUID.randomUUID(),
            "consent.changed",
            1,
            "sub-x",
            Instant.now(),
            "consent-service",
            Requests.JSON.createObjectNode().put("sequence", 1));
    assertThrows(PoisonEventException.class, () -> consumer.consume(EventCodec.write(incomplete)));
    assertEquals(0, processed(incomplete));

    EventEnvelope future =
        new EventEnvelope(
            UUID.randomUUID(),
            "consent.changed",
            99,
            "sub-x",
            Instant.now(),
            "consent-service",
            Requests.JSON.createObjectNode());
    assertThrows(PoisonEventException.class, () -> consumer.consume(EventCodec.write(future)));
  }

  @Test
  @TestSecurity(user = "demo-furnisher", roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-furnisher"))
  void opensTheGateOnlyOnceTheConsentEventsHaveArrived() {
    String nationalId = Projections.newNationalId();
    String subjectId = "sub-" + UUID.randomUUID();
    String body = Requests.batch(Requests.tradeline(Requests.newRecordId(), nationalId));
    consumer.consume(EventCodec.write(registration(subjectId, nationalId)));
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/records")
        .then()
        .body("results[0].reason.code", equalTo("CONSENT_REQUIRED"));

    consumer.consume(
        EventCodec.write(consentChange(UUID.randomUUID(), 1, subjectId, ConsentStatus.ACTIVE)));

    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/records")
        .then()
        .body("results[0].outcome", equalTo("ACCEPTED"));
  }
}
