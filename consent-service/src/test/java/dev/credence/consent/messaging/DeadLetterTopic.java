package dev.credence.consent.messaging;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the real broker's dead-letter topic from its beginning, for the messaging ITs. */
final class DeadLetterTopic {
  private DeadLetterTopic() {}

  /**
   * Every dead letter up to and including the first under {@code key}, once it has arrived (at most
   * 60 s), in a consumer group of its own.
   */
  static List<ConsumerRecord<String, String>> upTo(String bootstrap, String topic, String key) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "group.id",
                "consent-it-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, String>> seen = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                return seen.stream().anyMatch(r -> key.equals(r.key()));
              });
      return seen;
    }
  }

  /** The first dead letter under {@code key}. */
  static ConsumerRecord<String, String> first(String bootstrap, String topic, String key) {
    return upTo(bootstrap, topic, key).stream()
        .filter(r -> key.equals(r.key()))
        .findFirst()
        .orElseThrow();
  }
}
