package dev.credence.ingestion.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsentEventsConsumerTest {
  @Inject ConsentEventsConsumer consumer;
  @Inject IdentifierHasher hasher;
  @Inject Projections projections;
  @Inject AgroalDataSource dataSource;
  @Inject MeterRegistry meters;
  @Inject dev.credence.common.messaging.ConsumerRetry retry;

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
   * PostgreSQL ends every session the service holds (a restart or failover) while a revocation is
   * being applied: it is applied once the database answers. It used to be dead-lettered after six
   * attempts (6.2 s), leaving the ingestion gate open for a revoked consent.
   *
   * <p>The cut lands on the consumer's own connection: the test holds the consent's row, so the
   * consumer's first attempt is waiting for it, its connection checked out, when the sessions are
   * ended. A cut made before the event arrived left dead idle connections that the service's
   * background threads (outbox relay, consent-state reader) could meet first; the pool discarded
   * them, the consumer got a fresh connection, and nothing was retried (one full module run).
   */
  @Test
  void aRevocationThatMeetsACutConnectionIsAppliedNotDeadLettered() throws Exception {
    String subjectId = "sub-" + UUID.randomUUID();
    UUID consentId = UUID.randomUUID();
    assertTrue(consumer.handle(registration(subjectId, Projections.newNationalId())));
    assertTrue(consumer.handle(consentChange(consentId, 1, subjectId, ConsentStatus.ACTIVE)));
    EventEnvelope revoked = consentChange(consentId, 2, subjectId, ConsentStatus.REVOKED);

    double before = DatabaseOutage.retries(meters, ConsentProjection.CONSUMER);
    CompletableFuture<Boolean> applied;
    try (Connection holder = DatabaseOutage.connect()) {
      holdConsentRow(holder, consentId);
      applied = CompletableFuture.supplyAsync(() -> consumer.handle(revoked));
      await("the revocation reaches the held row")
          .atMost(Duration.ofSeconds(20))
          .until(() -> sessionsWaitingOn(holder) >= 1 || applied.isDone());
      assertFalse(applied.isDone(), "the revocation waits for the consent's row");

      int ended = endOtherSessions(holder);

      assertTrue(ended >= 1, "the consumer's session was not ended");
      await("the first attempt met the cut and was retried")
          .atMost(Duration.ofSeconds(20))
          .until(() -> DatabaseOutage.retries(meters, ConsentProjection.CONSUMER) > before);
      holder.rollback(); // the database answers again
    } finally {
      dataSource.flush(AgroalDataSource.FlushMode.ALL); // no dead connection left for later tests
      DatabaseOutage.awaitHealthyPool(dataSource, 8);
    }
    assertTrue(applied.get(30, TimeUnit.SECONDS), "applied, not dead-lettered");
    assertEquals(1, processed(revoked));
    assertEquals(
        1,
        projections.countWhere(
            "select count(*) from consent_view where consent_id = ?1 and status = 'REVOKED'",
            consentId));
  }

  /** Locks the consent's projection row in {@code holder}'s own transaction. */
  private static void holdConsentRow(Connection holder, UUID consentId) throws SQLException {
    holder.setAutoCommit(false);
    try (PreparedStatement st =
        holder.prepareStatement("select 1 from consent_view where consent_id = ? for update")) {
      st.setObject(1, consentId);
      try (ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next(), "the consent is in the projection");
      }
    }
  }

  /** How many sessions wait for a lock {@code holder} holds (pg_locks is read live). */
  private static int sessionsWaitingOn(Connection holder) throws SQLException {
    try (Statement st = holder.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select count(distinct pid) from pg_locks"
                    + " where not granted and pg_backend_pid() = any(pg_blocking_pids(pid))")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * What {@link DatabaseOutage#endSessions()} does (every other session of the service's user on
   * its database is ended), but run from {@code holder}, which keeps its lock until the test lets
   * go.
   */
  private static int endOtherSessions(Connection holder) throws SQLException {
    try (Statement st = holder.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
                    + " where datname = current_database() and usename = current_user"
                    + " and pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
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
  void aMessageThatIsNoEnvelopeIsPoisonForTheDeadLetterTopic() {
    // consent-service writes nothing but envelopes: skipping this cannot lose a consent change
    assertThrows(PoisonEventException.class, () -> consumer.consume("{not json"));
  }

  @Test
  void anEventItCannotApplyIsHeldNeverSkipped() throws Exception {
    EventEnvelope incomplete =
        new EventEnvelope(
            UUID.randomUUID(),
            "consent.changed",
            1,
            "sub-x",
            Instant.now(),
            "consent-service",
            Requests.JSON.createObjectNode().put("sequence", 1));
    // a revocation in a version this service does not know yet (consent-service upgraded first)
    EventEnvelope future =
        new EventEnvelope(
            UUID.randomUUID(),
            "consent.changed",
            99,
            "sub-x",
            Instant.now(),
            "consent-service",
            Requests.JSON.createObjectNode().put("status", "REVOKED"));
    for (EventEnvelope event : List.of(incomplete, future)) {
      // dead-lettered, it would let the heartbeats behind it vouch for a state without it, and a
      // revoked COLLECT consent would go on admitting records; held, the state goes stale
      Thread held = new Thread(() -> consumer.consume(EventCodec.write(event)));
      held.start();
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> retry.waiting(ConsentProjection.CONSUMER).toMillis() > 0);
        Thread.sleep(300);
        assertTrue(held.isAlive(), event.version() + ": still held, not skipped");
      } finally {
        held.interrupt(); // a restart: Kafka delivers the same event again
        held.join(10_000);
      }
      assertFalse(held.isAlive());
      assertEquals(0, processed(event));
      assertEquals(Duration.ZERO, retry.waiting(ConsentProjection.CONSUMER));
    }
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
