package dev.credence.consent.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.ConsentHeartbeat;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.Topics;
import dev.credence.consent.model.Consent;
import dev.credence.consent.service.ConsentService;
import dev.credence.consent.service.SubjectService;
import dev.credence.consent.support.Terms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Real broker: markers reach every partition of the consent topic (each on the partition it was
 * keyed for, found by asking the relay's producer), and a revocation is published ahead of the
 * first marker written after it on its subject's partition, which is what lets scoring treat an
 * applied marker as "every change before this is applied".
 */
@QuarkusTest
@TestProfile(ConsentHeartbeatsIT.Beating.class)
class ConsentHeartbeatsIT {
  public static class Beating implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "credence.consent.heartbeat.enabled", "true",
          "credence.consent.heartbeat.interval", "200ms");
    }
  }

  @Inject SubjectService subjects;
  @Inject ConsentService consents;
  @Inject Topics topics;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void markersReachEveryPartitionBehindTheChangesBeforeThem() {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class.getName()))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topics.consent()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // fix the start before anything is written

      // a marker on every partition, each where it was meant to go
      Map<Integer, ConsentHeartbeat> seen = new HashMap<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  EventEnvelope e = EventCodec.read(r.value());
                  if (Events.CONSENT_HEARTBEAT.name().equals(e.type())) {
                    ConsentHeartbeat beat = EventCodec.payload(e, Events.CONSENT_HEARTBEAT);
                    assertEquals(r.partition(), beat.partition(), "arrived where it was keyed");
                    assertEquals(partitions.size(), beat.partitions());
                    seen.put(r.partition(), beat);
                  }
                }
                return seen.size() == partitions.size();
              });

      // a revocation, then the first marker after it on the subject's partition
      String subjectId = UUID.randomUUID().toString();
      subjects.enrolPerson(subjectId, "hb-it-sub", null);
      Consent consent = consents.grant(subjectId, Terms.demoLenderCreditApplication(), subjectId);
      consents.revoke(subjectId, consent.id, subjectId, "test");
      Instant revoked = Instant.now();

      long[] revocationOffset = {-1};
      int[] revocationPartition = {-1};
      long[] markerOffset = {-1};
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  EventEnvelope e = EventCodec.read(r.value());
                  if (subjectId.equals(r.key())
                      && Events.CONSENT_CHANGED.name().equals(e.type())
                      && "REVOKED"
                          .equals(EventCodec.payload(e, Events.CONSENT_CHANGED).status().name())) {
                    revocationOffset[0] = r.offset();
                    revocationPartition[0] = r.partition();
                  }
                  if (Events.CONSENT_HEARTBEAT.name().equals(e.type())
                      && r.partition() == revocationPartition[0]
                      && EventCodec.payload(e, Events.CONSENT_HEARTBEAT).at().isAfter(revoked)
                      && markerOffset[0] < 0) {
                    markerOffset[0] = r.offset();
                  }
                }
                return markerOffset[0] >= 0;
              });
      assertTrue(revocationOffset[0] >= 0, "the revocation was published");
      assertTrue(
          revocationOffset[0] < markerOffset[0],
          "the revocation (offset "
              + revocationOffset[0]
              + ") precedes the first later marker (offset "
              + markerOffset[0]
              + ")");
    }
  }
}
