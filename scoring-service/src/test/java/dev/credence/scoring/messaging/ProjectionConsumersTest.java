package dev.credence.scoring.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.ConsentHeartbeat;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.PoisonEventException;
import dev.credence.common.events.Purpose;
import dev.credence.common.events.SubjectRegistered;
import dev.credence.common.events.SubjectType;
import dev.credence.common.messaging.DeadLetter;
import dev.credence.common.testing.DatabaseOutage;
import dev.credence.scoring.TestData;
import dev.credence.scoring.service.ProjectionService;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The consumers as Kafka calls them (one message at a time), without a broker. */
@QuarkusTest
class ProjectionConsumersTest {
  @Inject RecordEventsConsumer records;
  @Inject ConsentEventsConsumer consents;
  @Inject TestData data;
  @Inject AgroalDataSource dataSource;
  @Inject MeterRegistry meters;
  @Inject dev.credence.common.messaging.ConsumerRetry retry;

  static String subject() {
    return "sub_" + UUID.randomUUID();
  }

  long recordRows(String subjectId) {
    return data.count("select count(*) from subject_record where subject_id = ?1", subjectId);
  }

  @Test
  void theSameRecordEventHandledTwiceLeavesOneRow() {
    String subjectId = subject();
    String json =
        EventCodec.write(
            TestData.recordEvent(subjectId, "acct-1", TestData.goodTradeline(), LocalDate.now()));

    records.consume(json);
    records.consume(json);

    assertEquals(1, recordRows(subjectId));
    assertEquals(
        1,
        data.count(
            "select count(*) from processed_event where consumer = 'scoring-record-projection'"
                + " and event_id = ?1",
            EventCodec.read(json).eventId()));
  }

  /**
   * The database refuses connections and ends every session the service holds (a failover of
   * scoring's database), then an event arrives: it waits, retrying, and is applied once the
   * database takes connections again; it is not dead-lettered. PostgreSQL answers a refused
   * connection with SQLSTATE 55000, which a list of "connection" states missed in the fault run
   * that found it (docs/benchmarks.md).
   */
  @Test
  void anEventThatMeetsARefusingDatabaseWaitsAndIsAppliedOnceItAcceptsConnections()
      throws Exception {
    String subjectId = subject();
    String json =
        EventCodec.write(
            TestData.recordEvent(subjectId, "acct-cut", TestData.goodTradeline(), LocalDate.now()));
    try (var c = dataSource.getConnection()) {
      assertTrue(c.isValid(2)); // the pool holds open connections
    }
    double before = DatabaseOutage.retries(meters, "scoring-record-projection");
    CompletableFuture<Void> consumed;
    try (var outage = DatabaseOutage.refuseConnections()) {
      assertTrue(outage.sessionsEnded() >= 1, "the pool held no connection to end");
      consumed = CompletableFuture.runAsync(() -> records.consume(json));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> DatabaseOutage.retries(meters, "scoring-record-projection") >= before + 4);
      assertFalse(consumed.isDone(), "the event waits while the database refuses connections");
    } finally {
      dataSource.flush(AgroalDataSource.FlushMode.ALL); // no dead connection left for later tests
      DatabaseOutage.awaitHealthyPool(dataSource, 8);
    }
    consumed.get(30, TimeUnit.SECONDS);
    assertEquals(1, recordRows(subjectId));
  }

  @Test
  void aNewerReportOfTheSameFurnisherRecordReplacesTheOlder() {
    String subjectId = subject();
    ObjectNode older = TestData.goodTradeline().put("currentBalance", 100);
    ObjectNode newer = TestData.goodTradeline().put("currentBalance", 900);

    records.consume(
        EventCodec.write(
            TestData.recordEvent(subjectId, "acct-2", older, LocalDate.now().minusDays(30))));
    records.consume(
        EventCodec.write(TestData.recordEvent(subjectId, "acct-2", newer, LocalDate.now())));

    assertEquals(1, recordRows(subjectId));
    assertEquals(
        1,
        data.count(
            "select count(*) from subject_record where subject_id = ?1 and data ->> 'currentBalance' = '900'",
            subjectId));
  }

  @Test
  void anOlderReportArrivingLateDoesNotReplaceTheNewer() {
    String subjectId = subject();
    ObjectNode newer = TestData.goodTradeline().put("currentBalance", 900);
    ObjectNode older = TestData.goodTradeline().put("currentBalance", 100);

    records.consume(
        EventCodec.write(TestData.recordEvent(subjectId, "acct-3", newer, LocalDate.now())));
    records.consume(
        EventCodec.write(
            TestData.recordEvent(subjectId, "acct-3", older, LocalDate.now().minusDays(30))));

    assertEquals(
        1,
        data.count(
            "select count(*) from subject_record where subject_id = ?1 and data ->> 'currentBalance' = '900'",
            subjectId));
  }

  @Test
  void aConsentChangeWithALowerSequenceIsIgnored() {
    String subjectId = subject();
    UUID consentId = UUID.randomUUID();
    Instant start = Instant.now().minus(1, ChronoUnit.DAYS);
    Instant end = Instant.now().plus(30, ChronoUnit.DAYS);
    List<DataCategory> categories = List.of(DataCategory.TRADELINE);

    consents.consume(
        EventCodec.write(
            TestData.consentEvent(
                consentId,
                2,
                subjectId,
                "demo-lender",
                Purpose.CREDIT_APPLICATION,
                ConsentStatus.REVOKED,
                start,
                end,
                null,
                categories)));
    consents.consume(
        EventCodec.write(
            TestData.consentEvent(
                consentId,
                1,
                subjectId,
                "demo-lender",
                Purpose.CREDIT_APPLICATION,
                ConsentStatus.ACTIVE,
                start,
                end,
                null,
                categories)));

    assertEquals(
        1,
        data.count(
            "select count(*) from consent_view where consent_id = ?1 and status = 'REVOKED' and sequence = 2",
            consentId));
  }

  @Test
  void aConsentChangeWithAHigherSequenceReplacesTheView() {
    String subjectId = subject();
    UUID consentId = UUID.randomUUID();
    Instant start = Instant.now().minus(1, ChronoUnit.DAYS);
    Instant end = Instant.now().plus(30, ChronoUnit.DAYS);

    consents.consume(
        EventCodec.write(
            TestData.consentEvent(
                consentId,
                1,
                subjectId,
                "demo-lender",
                Purpose.CREDIT_APPLICATION,
                ConsentStatus.ACTIVE,
                start,
                end,
                3,
                List.of(DataCategory.TRADELINE))));
    consents.consume(
        EventCodec.write(
            TestData.consentEvent(
                consentId,
                2,
                subjectId,
                "demo-lender",
                Purpose.CREDIT_APPLICATION,
                ConsentStatus.REVOKED,
                start,
                end,
                3,
                List.of(DataCategory.TRADELINE))));

    assertEquals(
        1,
        data.count(
            "select count(*) from consent_view where consent_id = ?1 and status = 'REVOKED'"
                + " and usage_limit = 3 and categories = '{TRADELINE}'",
            consentId));
  }

  @Test
  void anUnparseableMessageIsPoison() {
    assertThrows(PoisonEventException.class, () -> records.consume("{not json"));
  }

  @Test
  void aRecordEventWithoutItsSubjectIsPoisonAndLeavesNothing() {
    EventEnvelope valid =
        TestData.recordEvent(subject(), "acct-4", TestData.goodTradeline(), LocalDate.now());
    ObjectNode payload = valid.payload().deepCopy();
    payload.remove("subjectId");
    EventEnvelope broken =
        new EventEnvelope(
            valid.eventId(),
            valid.type(),
            valid.version(),
            valid.subjectId(),
            valid.occurredAt(),
            valid.producer(),
            payload);

    assertThrows(PoisonEventException.class, () -> records.consume(EventCodec.write(broken)));
    assertEquals(
        0, data.count("select count(*) from processed_event where event_id = ?1", valid.eventId()));
  }

  @Test
  void eventsOfOtherTypesAreIgnored() {
    String subjectId = subject();
    EventEnvelope valid =
        TestData.recordEvent(subjectId, "acct-5", TestData.goodTradeline(), LocalDate.now());
    EventEnvelope other =
        new EventEnvelope(
            valid.eventId(),
            "record.mystery",
            1,
            subjectId,
            valid.occurredAt(),
            valid.producer(),
            valid.payload());

    records.consume(EventCodec.write(other));

    assertEquals(0, recordRows(subjectId));
  }

  static String heartbeat(int partition, Instant at) {
    return EventCodec.write(
        EventCodec.envelope(
            Events.CONSENT_HEARTBEAT,
            "consent-heartbeat:" + partition,
            "consent-service",
            new ConsentHeartbeat(partition, 6, at),
            at));
  }

  Instant watermark(int partition) {
    return (Instant)
        data.rows(
                "select heartbeat_at, partition_no from consent_watermark where partition_no = ?1",
                partition)
            .get(0)[0];
  }

  @Test
  void aPollIsAppliedInOrderWithItsMarkersCollapsedAndHeldAtAChangeItCannotRead() throws Exception {
    String subjectId = UUID.randomUUID().toString();
    Instant t1 = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant t2 = t1.plusMillis(250);
    String registered =
        EventCodec.write(
            EventCodec.envelope(
                Events.SUBJECT_REGISTERED,
                subjectId,
                "consent-service",
                new SubjectRegistered(subjectId, SubjectType.PERSON, List.of(), t1),
                t1));
    // a revocation in a version this replica does not know yet (consent-service upgraded first)
    String unknownVersion =
        EventCodec.write(
            new EventEnvelope(
                UUID.randomUUID(),
                Events.CONSENT_CHANGED.name(),
                Events.CONSENT_CHANGED.version() + 1,
                subjectId,
                t1,
                "consent-service",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                    .objectNode()
                    .put("status", "REVOKED")));
    String topic = "credence.consent.v1.test";
    double heldBefore = held();
    java.util.concurrent.atomic.AtomicReference<Throwable> ended =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread consumer =
        new Thread(
            () -> {
              try {
                consents.apply(
                    List.of(
                        new DeadLetter.In(topic, 0, 10, "k0", heartbeat(0, t1)),
                        new DeadLetter.In(topic, 0, 11, subjectId, registered),
                        new DeadLetter.In(topic, 0, 12, "bad", "{not json"),
                        new DeadLetter.In(topic, 0, 13, subjectId, unknownVersion),
                        new DeadLetter.In(topic, 0, 14, "k0", heartbeat(0, t2)),
                        new DeadLetter.In(topic, 1, 7, "k1", heartbeat(1, t2))));
              } catch (Throwable e) {
                ended.set(e);
              }
            });
    consumer.start();
    try {
      // the message that is no envelope went to the dead-letter topic; the event it cannot read
      // could be a revocation: it is held, not dead-lettered, and the consumer waits there, so
      // the consent state goes stale and scores are refused. (Awaited on the hold's own counter:
      // a retry on the way there, e.g. a slow dead-letter send on a loaded machine, also counts
      // as waiting, but is not the hold.)
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> held() > heldBefore || !consumer.isAlive());
      assertTrue(
          consumer.isAlive(), () -> "the consumer ended before the hold: " + describe(ended.get()));
      assertEquals(
          1, data.count("select count(*) from subject_view where subject_id = ?1", subjectId));
      assertEquals(t1, watermark(0), "the marker before it vouches only for what came before");
      assertFalse(
          data.rows(
                      "select heartbeat_at, partition_no from consent_watermark"
                          + " where partition_no = 1 and heartbeat_at >= ?1",
                      java.sql.Timestamp.from(t2))
                  .size()
              > 0,
          "no marker behind it is applied, whatever its partition");
      Thread.sleep(500);
      assertTrue(consumer.isAlive(), () -> "still held, but ended: " + describe(ended.get()));
      assertEquals(t1, watermark(0), "still not past it");
    } finally {
      consumer.interrupt(); // a restart: the poll is read again from the same offset
      consumer.join(10_000);
    }
    assertFalse(consumer.isAlive());
    assertEquals(Duration.ZERO, retry.waiting(ProjectionService.CONSENT_CONSUMER));
  }

  double held() {
    var counter =
        meters
            .find("credence.consumer.held")
            .tag("consumer", ProjectionService.CONSENT_CONSUMER)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  static String describe(Throwable e) {
    if (e == null) {
      return "no exception";
    }
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    return trace.toString();
  }

  @Test
  void aMarkerCountsForThePartitionItArrivedOn() {
    Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS).plusSeconds(5);
    // written for partition 2, delivered on partition 4: partition 4 is the one proven fresh
    consents.apply(List.of(new DeadLetter.In("t", 4, 1, "k", heartbeat(2, t))));
    assertEquals(t, watermark(4));
  }

  @Test
  void aPollOfRecordEventsIsAppliedTogetherAndItsPoisonSetAside() {
    String subjectId = subject();
    EventEnvelope first =
        TestData.recordEvent(subjectId, "acct-b1", TestData.goodTradeline(), LocalDate.now());
    EventEnvelope second =
        TestData.recordEvent(subjectId, "acct-b2", TestData.goodTradeline(), LocalDate.now());
    ObjectNode payload = first.payload().deepCopy();
    payload.remove("subjectId");
    EventEnvelope broken =
        new EventEnvelope(
            java.util.UUID.randomUUID(),
            first.type(),
            first.version(),
            first.subjectId(),
            first.occurredAt(),
            first.producer(),
            payload);
    String topic = "credence.records.v1.test";

    // a clean poll: one transaction, a duplicate inside it counted once
    assertEquals(
        1,
        records.apply(
            List.of(
                new DeadLetter.In(topic, 0, 1, subjectId, EventCodec.write(first)),
                new DeadLetter.In(topic, 0, 2, subjectId, EventCodec.write(first)))));
    assertEquals(1, recordRows(subjectId));

    // a poll with poison found while applying (no subject): it is set aside, the rest applied
    assertEquals(
        1,
        records.apply(
            List.of(
                new DeadLetter.In(topic, 0, 3, subjectId, EventCodec.write(broken)),
                new DeadLetter.In(topic, 0, 4, subjectId, "{not json"),
                new DeadLetter.In(topic, 0, 5, subjectId, EventCodec.write(second)))));
    assertEquals(2, recordRows(subjectId));
    assertEquals(
        0,
        data.count("select count(*) from processed_event where event_id = ?1", broken.eventId()));
  }

  /**
   * A poll's consecutive record.accepted events are applied as one run (one claim, one lookup of
   * erased subjects and withdrawn records, one batch of upserts) with the outcome of applying them
   * one by one in order: the later-reported version of a furnisher key wins whichever comes first,
   * an erased subject's and a withdrawn record's reports are claimed but not stored, a copy inside
   * the run counts once, and a withdrawal between two runs splits them in order.
   */
  @Test
  void aRunOfAcceptedRecordsEndsAsIfAppliedOneByOne() {
    String subjectId = subject();
    String erasedId = subject();
    data.execute(
        "insert into erased_subject (subject_id, request_id, requested_at) values (?1, ?2, now())",
        erasedId,
        UUID.randomUUID());
    UUID withdrawnId = UUID.randomUUID();
    String topic = "credence.records.v1.test";
    records.apply(
        List.of(
            new DeadLetter.In(
                topic,
                0,
                1,
                subjectId,
                EventCodec.write(
                    TestData.withdrawalEvent(
                        subjectId,
                        withdrawnId,
                        dev.credence.common.events.WithdrawalReason.values()[0],
                        null)))));

    LocalDate today = TestData.TODAY;
    UUID newerId = UUID.randomUUID();
    UUID olderId = UUID.randomUUID();
    UUID otherId = UUID.randomUUID();
    UUID laterId = UUID.randomUUID();
    EventEnvelope newer = accepted(subjectId, newerId, "acct-k", 2000, today.minusDays(1));
    EventEnvelope older = accepted(subjectId, olderId, "acct-k", 9999, today.minusDays(10));
    EventEnvelope ofErased = accepted(erasedId, UUID.randomUUID(), "acct-e", 100, today);
    EventEnvelope ofWithdrawn =
        accepted(subjectId, withdrawnId, "rec-" + withdrawnId, 100, today.minusDays(2));
    EventEnvelope other = accepted(subjectId, otherId, "acct-m", 300, today.minusDays(3));
    EventEnvelope withdrawOther =
        TestData.withdrawalEvent(
            subjectId, otherId, dev.credence.common.events.WithdrawalReason.values()[0], null);
    EventEnvelope later = accepted(subjectId, laterId, "acct-n", 400, today.minusDays(4));
    EventEnvelope otherAgain = accepted(subjectId, otherId, "acct-m", 300, today.minusDays(3));
    List<EventEnvelope> poll =
        List.of(
            newer, older, ofErased, ofWithdrawn, newer, other, withdrawOther, later, otherAgain);
    List<DeadLetter.In> in = new java.util.ArrayList<>();
    for (int i = 0; i < poll.size(); i++) {
      in.add(new DeadLetter.In(topic, 0, 10 + i, subjectId, EventCodec.write(poll.get(i))));
    }

    // every distinct event had an effect (was claimed), the copy of `newer` did not
    assertEquals(8, records.apply(in));

    List<Object[]> rows =
        data.rows(
            "select furnisher_record_id, cast(record_id as text),"
                + " cast(data ->> 'currentBalance' as integer)"
                + " from subject_record where subject_id = ?1 order by furnisher_record_id",
            subjectId);
    assertEquals(2, rows.size(), "acct-k and acct-n; acct-m was withdrawn, then reported again");
    assertEquals("acct-k", rows.get(0)[0]);
    assertEquals(newerId.toString(), rows.get(0)[1], "the later-reported version wins");
    assertEquals(2000, ((Number) rows.get(0)[2]).intValue());
    assertEquals("acct-n", rows.get(1)[0]);
    assertEquals(laterId.toString(), rows.get(1)[1]);
    assertEquals(0, recordRows(erasedId));
    assertEquals(
        0, data.count("select count(*) from subject_record where record_id = ?1", withdrawnId));
    assertEquals(
        8,
        data.count(
            "select count(*) from processed_event where consumer = 'scoring-record-projection'"
                + " and event_id in (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            newer.eventId(),
            older.eventId(),
            ofErased.eventId(),
            ofWithdrawn.eventId(),
            other.eventId(),
            withdrawOther.eventId(),
            later.eventId(),
            otherAgain.eventId()));

    // the whole poll again (a redelivery): nothing has an effect, nothing changes
    assertEquals(0, records.apply(in));
    assertEquals(2, recordRows(subjectId));
  }

  private static EventEnvelope accepted(
      String subjectId, UUID recordId, String furnisherRecordId, int balance, LocalDate on) {
    ObjectNode data = TestData.goodTradeline();
    data.put("currentBalance", balance);
    data.put("reportedOn", on.toString());
    return TestData.recordEvent(
        subjectId, recordId, furnisherRecordId, DataCategory.TRADELINE, data, on);
  }
}
