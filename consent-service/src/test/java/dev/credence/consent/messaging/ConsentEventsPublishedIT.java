package dev.credence.consent.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.ConsentChanged;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.EventHeaders;
import dev.credence.common.events.Events;
import dev.credence.common.events.Topics;
import dev.credence.common.outbox.OutboxRelay;
import dev.credence.consent.model.Consent;
import dev.credence.consent.service.ConsentService;
import dev.credence.consent.service.SubjectService;
import dev.credence.consent.support.Terms;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Real broker: a consent change leaves through the outbox, keyed by subject, in order. */
@QuarkusTest
class ConsentEventsPublishedIT {
  @Inject SubjectService subjects;
  @Inject ConsentService consents;
  @Inject Topics topics;
  @Inject OutboxRelay relay;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void grantAndRevokeArePublishedKeyedBySubjectInOrder() {
    String subjectId = UUID.randomUUID().toString();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "consent-it-" + subjectId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
      consumer.subscribe(List.of(topics.consent()));

      subjects.enrolPerson(subjectId, "it-sub", null);
      Consent consent = consents.grant(subjectId, Terms.demoLenderCreditApplication(), subjectId);
      consents.revoke(subjectId, consent.id, subjectId, "test");

      List<ConsumerRecord<String, String>> mine = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (subjectId.equals(r.key())) {
                            mine.add(r);
                          }
                        });
                return mine.size() >= 3;
              });

      List<EventEnvelope> events = mine.stream().map(r -> EventCodec.read(r.value())).toList();
      assertEquals(
          List.of("subject.registered", "consent.changed", "consent.changed"),
          events.stream().map(EventEnvelope::type).toList());
      assertTrue(events.stream().allMatch(e -> e.subjectId().equals(subjectId)));
      // the relay repeats each envelope's type in a header, for consumers that pass over others
      assertEquals(
          events.stream().map(EventEnvelope::type).toList(),
          mine.stream().map(r -> EventHeaders.type(r.headers())).toList());
      ConsentChanged granted = EventCodec.payload(events.get(1), Events.CONSENT_CHANGED);
      ConsentChanged revoked = EventCodec.payload(events.get(2), Events.CONSENT_CHANGED);
      assertEquals(ConsentStatus.ACTIVE, granted.status());
      assertEquals(ConsentStatus.REVOKED, revoked.status());
      assertTrue(revoked.sequence() > granted.sequence());
      assertEquals(
          1, mine.stream().map(ConsumerRecord::partition).distinct().count(), "one partition");

      // the compacted state topic holds the consent's latest state under its own key
      consumer.unsubscribe();
      consumer.subscribe(List.of(topics.consentState()));
      List<ConsumerRecord<String, String>> state = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (("consent:" + consent.id).equals(r.key())) {
                            state.add(r);
                          }
                        });
                return state.size() >= 2;
              });
      ConsentChanged latest =
          EventCodec.payload(
              EventCodec.read(state.get(state.size() - 1).value()), Events.CONSENT_CHANGED);
      assertEquals(ConsentStatus.REVOKED, latest.status());
    }
    // everything written has been published: the outbox has no backlog left to age
    await().atMost(Duration.ofSeconds(30)).until(() -> relay.pendingAgeSeconds() == 0);
  }
}
