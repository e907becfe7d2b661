package dev.credence.consent.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The relay's bounded scans (docs/architecture.md, "Outbox and idempotent consumers"): after a
 * batch a scan starts no earlier than the oldest open transaction less the margin, so a row dated
 * before that is not read by it; a whole scan (every full-scan interval, after any failure, or on
 * request) still reads it. The row here names a topic Kafka refuses, so it is never published and
 * the relay's failure on it is visible; on an app instance of its own with whole scans only on
 * request, so nothing else decides when one happens.
 */
@QuarkusTest
@TestProfile(OutboxBoundedScanTest.Isolated.class)
class OutboxBoundedScanTest {
  /** Its own app instance; whole scans only at start, after a failure or on request. */
  public static class Isolated implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "credence.outbox.send-timeout", "2s",
          "credence.outbox.full-scan-interval", "1h",
          "credence.outbox.scan-margin", "5s");
    }
  }

  @Inject OutboxRelay relay;
  @Inject MeterRegistry meters;
  @Inject EntityManager em;

  double backlogAge() {
    return meters.get("credence.outbox.pending.age").gauge().value();
  }

  long waiting(String type) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery(
                                "select count(*) from outbox_event where published_at is null"
                                    + " and type = ?1")
                            .setParameter(1, type)
                            .getSingleResult())
                    .longValue());
  }

  @Test
  void aRowDatedBeforeTheBoundIsLeftToTheWholeScan() {
    relay.publishBatch(); // whatever waits (none of it unsendable): the bound is set
    Instant bound = relay.scanFrom();
    assertNotNull(bound, "a batch that succeeded leaves a bound for the next scan");
    Instant now = Instant.now();
    assertTrue(
        !bound.isAfter(now.minus(Duration.ofSeconds(5))) && bound.isAfter(now.minusSeconds(300)),
        "at most the margin before the oldest open transaction, and not far back: " + bound);

    String type = "test.straggler";
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery(
                          "insert into outbox_event (id, topic, message_key, type, payload,"
                              + " created_at) values (gen_random_uuid(), 'not a valid topic!',"
                              + " 'k', ?1, cast('{}' as jsonb), now() - interval '10 minutes')")
                      .setParameter(1, type)
                      .executeUpdate());

      // a bounded scan starts after it: no failure (whatever else it publishes), no backlog seen
      relay.publishBatch();
      assertEquals(1, waiting(type));
      assertTrue(backlogAge() < 600, "the bounded scan did not read it: " + backlogAge());

      // a whole scan reads it, tries to send it, and fails on it (never acknowledged)
      relay.rescanAll();
      assertThrows(RuntimeException.class, relay::publishBatch);
      assertEquals(1, waiting(type), "never marked published: Kafka did not acknowledge it");
      assertTrue(backlogAge() >= 600, "its age shows: " + backlogAge());
      assertEquals(null, relay.scanFrom(), "after a failure the next scan is whole again");
    } finally {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery("delete from outbox_event where type = ?1")
                      .setParameter(1, type)
                      .executeUpdate());
    }
  }
}
