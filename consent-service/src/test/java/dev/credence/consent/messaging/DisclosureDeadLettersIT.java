package dev.credence.consent.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Real broker: a poison disclosure event reaches the dead-letter topic under its original key, with
 * its reason and origin in headers (docs/architecture.md), as every other consumer's do.
 */
@QuarkusTest
class DisclosureDeadLettersIT {
  @Inject Topics topics;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void aPoisonDisclosureEventIsDeadLetteredUnderItsKeyWithItsReason() throws Exception {
    String key = "disclosure-poison-" + UUID.randomUUID();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topics.disclosures(), key, "{this is not an event")).get();
    }

    ConsumerRecord<String, String> found =
        DeadLetterTopic.first(bootstrap, topics.deadLetter(), key);
    assertEquals("{this is not an event", found.value());
    Header reason = found.headers().lastHeader("dead-letter-reason");
    assertNotNull(reason, "the reason travels in the dead-letter-reason header");
    String text = new String(reason.value(), StandardCharsets.UTF_8);
    assertTrue(text.contains("Unparseable event envelope"), text);
    assertEquals(
        topics.disclosures(),
        new String(
            found.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8));
    assertNotNull(found.headers().lastHeader("dead-letter-offset"));
  }
}
