package dev.credence.consent.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outbox's backlog age ({@code credence_outbox_pending_age_seconds}): an event the relay cannot
 * publish keeps the outbox from draining, and the gauge shows how long the oldest one has waited.
 * The event here names a topic Kafka refuses (with or without a broker it is never acknowledged),
 * on an app instance of its own so the stuck event holds up nobody else's.
 */
@QuarkusTest
@TestProfile(OutboxBacklogAgeTest.Isolated.class)
class OutboxBacklogAgeTest {
  /** Its own app instance and a database cleaned at its start. */
  public static class Isolated implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("credence.outbox.send-timeout", "2s");
    }
  }

  @Inject OutboxRelay relay;
  @Inject MeterRegistry meters;
  @Inject EntityManager em;

  double gauge() {
    return meters.get("credence.outbox.pending.age").gauge().value();
  }

  @Test
  void anEventThatCannotBePublishedShowsAsAGrowingBacklogAge() {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "insert into outbox_event (id, topic, message_key, type, payload,"
                            + " created_at) values (gen_random_uuid(), 'not a valid topic!', 'k',"
                            + " 'test.unsendable', cast('{}' as jsonb),"
                            + " now() - interval '10 minutes')")
                    .executeUpdate());
    relay.wakeUp();
    await().atMost(Duration.ofSeconds(30)).until(() -> gauge() >= 600);
    assertTrue(gauge() < 3600, "the age of that event, not a clock error: " + gauge());
    assertEquals(
        1L,
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ((Number)
                            em.createNativeQuery(
                                    "select count(*) from outbox_event where published_at is null"
                                        + " and type = 'test.unsendable'")
                                .getSingleResult())
                        .longValue()),
        "still waiting: the relay never marks what Kafka did not acknowledge");
  }
}
