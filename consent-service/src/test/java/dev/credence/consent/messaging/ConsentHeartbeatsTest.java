package dev.credence.consent.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.ConsentHeartbeat;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.Topics;
import dev.credence.common.messaging.PartitionKeys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The markers as the outbox holds them: one row per partition of the consent topic, keyed so the
 * relay's producer sends it to that partition, rewritten (not appended) at each beat and waiting to
 * be published again. The relay is off here so what the rows hold can be read as written; the
 * markers' trip through a real broker is {@code ConsentHeartbeatsIT}'s.
 */
@QuarkusTest
@TestProfile(ConsentHeartbeatsTest.Beating.class)
class ConsentHeartbeatsTest {
  /** Heartbeats on, the schedule out of the way (the test beats itself), no relay. */
  public static class Beating implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "credence.consent.heartbeat.enabled", "true",
          "credence.consent.heartbeat.interval", "1h",
          "credence.consent.heartbeat.partition-refresh", "1h",
          "credence.outbox.enabled", "false");
    }
  }

  @Inject ConsentHeartbeats heartbeats;
  @Inject EntityManager em;
  @Inject Topics topics;

  record Row(String key, Instant createdAt, Instant publishedAt, EventEnvelope event) {
    ConsentHeartbeat beat() {
      return EventCodec.payload(event, Events.CONSENT_HEARTBEAT);
    }
  }

  @SuppressWarnings("unchecked")
  List<Row> rows() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((List<Object[]>)
                        em.createNativeQuery(
                                "select message_key, created_at, published_at,"
                                    + " cast(payload as text), topic from outbox_event"
                                    + " where type = 'consent.heartbeat'"
                                    + " order by cast(payload -> 'payload' ->> 'partition' as int)")
                            .getResultList())
                    .stream()
                        .peek(r -> assertEquals(topics.consent(), r[4]))
                        .map(
                            r ->
                                new Row(
                                    (String) r[0],
                                    instant(r[1]),
                                    instant(r[2]),
                                    EventCodec.read((String) r[3])))
                        .toList());
  }

  static Instant instant(Object value) {
    if (value == null || value instanceof Instant) {
      return (Instant) value;
    }
    return value instanceof Timestamp t
        ? t.toInstant()
        : ((java.time.OffsetDateTime) value).toInstant();
  }

  @Test
  void oneMarkerPerPartitionRewrittenAtEachBeat() {
    heartbeats.usePartitions(6);
    List<String> keys = heartbeats.keys();
    Instant first = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(5);
    heartbeats.write(keys, first);

    List<Row> rows = rows();
    assertEquals(6, rows.size(), "one row per partition");
    Set<UUID> firstIds = new HashSet<>();
    for (int p = 0; p < 6; p++) {
      Row row = rows.get(p);
      assertEquals(p, row.beat().partition());
      assertEquals(6, row.beat().partitions());
      assertEquals(first, row.beat().at());
      assertEquals(first, row.createdAt(), "ordered by its time in the outbox");
      assertEquals(p, PartitionKeys.partitionOf(row.key(), 6), "keyed for its partition");
      assertEquals(row.key(), row.event().subjectId());
      assertEquals("consent-service", row.event().producer());
      assertNull(row.publishedAt());
      firstIds.add(row.event().eventId());
    }

    // the relay publishes them; the next beat rewrites the same rows and they wait again
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "update outbox_event set published_at = now()"
                            + " where type = 'consent.heartbeat'")
                    .executeUpdate());
    Instant second = first.plusSeconds(1);
    heartbeats.write(keys, second);

    rows = rows();
    assertEquals(6, rows.size(), "rewritten, not appended");
    for (Row row : rows) {
      assertEquals(second, row.beat().at());
      assertEquals(second, row.createdAt());
      assertNull(row.publishedAt(), "waiting to be published again");
      assertTrue(firstIds.add(row.event().eventId()), "a new event id at every beat");
    }
  }
}
