package dev.credence.consent.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.DisputeStatus;
import dev.credence.common.events.DisputeUpdated;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.EventHeaders;
import dev.credence.common.events.Events;
import dev.credence.common.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Real broker: consent-service reads the records topic a poll at a time and passes over, unparsed,
 * every event whose {@code credence-event-type} header names another type than {@code
 * dispute.updated}; a dispute update is applied (its event id claimed), an event without the header
 * is parsed as before, and poison still reaches the dead-letter topic with its reason.
 */
@QuarkusTest
class RecordEventsConsumerIT {
  @Inject Topics topics;
  @Inject EntityManager em;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void eventsAreChosenByTheirTypeHeaderAndPoisonIsDeadLettered() throws Exception {
    String subject = UUID.randomUUID().toString();
    // a dispute update behind a header naming another type: passed over, so never claimed
    EventEnvelope hidden = disputeUpdate(subject);
    // the same kind of event under its own type: applied (a dispute not opened here changes
    // nothing, but the event is claimed, which shows it was read)
    EventEnvelope announced = disputeUpdate(subject);
    // and one published without the header, as before this change: parsed, applied, claimed
    EventEnvelope bare = disputeUpdate(subject);
    String poisonKey = "record-poison-" + UUID.randomUUID();
    String skippedPoisonKey = "record-skipped-" + UUID.randomUUID();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap),
            new StringSerializer(),
            new StringSerializer())) {
      // one partition, so the events are consumed in this order
      producer.send(record(subject, EventCodec.write(hidden), Events.RECORD_ACCEPTED.name())).get();
      producer.send(record(skippedPoisonKey, "{not an event", Events.RECORD_ACCEPTED.name())).get();
      producer.send(record(poisonKey, "{not an event either", null)).get();
      producer
          .send(record(subject, EventCodec.write(announced), Events.DISPUTE_UPDATED.name()))
          .get();
      producer.send(record(subject, EventCodec.write(bare), null)).get();
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> claimed(bare) && claimed(announced));
    assertFalse(claimed(hidden), "an event whose header names another type is not read");

    List<ConsumerRecord<String, String>> deadLetters =
        DeadLetterTopic.upTo(bootstrap, topics.deadLetter(), poisonKey);
    assertEquals(1, deadLetters.stream().filter(r -> poisonKey.equals(r.key())).count());
    ConsumerRecord<String, String> poison =
        deadLetters.stream().filter(r -> poisonKey.equals(r.key())).findFirst().orElseThrow();
    assertEquals("{not an event either", poison.value());
    String reason =
        new String(
            poison.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    assertTrue(reason.contains("Unparseable event envelope"), reason);
    assertEquals(
        topics.records(),
        new String(
            poison.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8));
    assertTrue(
        deadLetters.stream().noneMatch(r -> skippedPoisonKey.equals(r.key())),
        "text behind another type's header is never parsed, so never poison");
  }

  private ProducerRecord<String, String> record(String key, String value, String type) {
    ProducerRecord<String, String> r = new ProducerRecord<>(topics.records(), 0, key, value);
    if (type != null) {
      r.headers().add(new RecordHeader(EventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8)));
    }
    return r;
  }

  private static EventEnvelope disputeUpdate(String subject) {
    return EventCodec.envelope(
        Events.DISPUTE_UPDATED,
        subject,
        "ingestion-service",
        new DisputeUpdated(
            UUID.randomUUID(),
            1,
            subject,
            UUID.randomUUID(),
            "acme-bank",
            DisputeStatus.OPEN,
            Instant.parse("2026-12-01T10:00:00Z")),
        Instant.now());
  }

  private boolean claimed(EventEnvelope event) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                            em.createNativeQuery(
                                    "select count(*) from processed_event"
                                        + " where consumer = ?1 and event_id = ?2")
                                .setParameter(1, RecordEventsConsumer.CONSUMER)
                                .setParameter(2, event.eventId())
                                .getSingleResult())
                        .intValue()
                    == 1);
  }
}
