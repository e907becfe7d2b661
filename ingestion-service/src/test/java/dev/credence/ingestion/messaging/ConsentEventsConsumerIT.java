package dev.credence.ingestion.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.IdentifierType;
import dev.credence.common.events.SubjectRegistered;
import dev.credence.common.events.SubjectType;
import dev.credence.common.identity.IdentifierHasher;
import dev.credence.ingestion.service.ConsentProjection;
import dev.credence.ingestion.support.Projections;
import dev.credence.ingestion.support.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Against a real broker ({@code kafka.bootstrap.servers} of the test profile: {@code
 * CREDENCE_TEST_KAFKA}, else 127.0.0.1:9092). Skipped when none answers — decided before Quarkus
 * starts, so a machine without a broker does not pay for an application start.
 */
@QuarkusTest
@EnabledIf(
    value = "brokerAnswers",
    disabledReason = "No Kafka broker answers at CREDENCE_TEST_KAFKA or 127.0.0.1:9092")
class ConsentEventsConsumerIT {
  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = "credence.topics.consent")
  String consentTopic;

  @ConfigProperty(name = "credence.topics.records")
  String recordsTopic;

  @ConfigProperty(name = "credence.topics.dead-letter")
  String deadLetterTopic;

  @Inject IdentifierHasher hasher;
  @Inject Projections projections;

  @Test
  void appliesAnEnvelopePublishedTwiceExactlyOnce() {
    String subjectId = "sub-" + UUID.randomUUID();
    EventEnvelope registration =
        EventCodec.envelope(
            Events.SUBJECT_REGISTERED,
            subjectId,
            "consent-service",
            new SubjectRegistered(
                subjectId,
                SubjectType.PERSON,
                List.of(hasher.hash(IdentifierType.NATIONAL_ID, Projections.newNationalId())),
                Instant.now()),
            Instant.now());
    String marker = "sub-" + UUID.randomUUID();
    EventEnvelope after =
        EventCodec.envelope(
            Events.SUBJECT_REGISTERED,
            marker,
            "consent-service",
            new SubjectRegistered(marker, SubjectType.PERSON, List.of(), Instant.now()),
            Instant.now());

    publish(consentTopic, subjectId, EventCodec.write(registration));
    publish(consentTopic, subjectId, EventCodec.write(registration));
    publish(consentTopic, subjectId, EventCodec.write(after));

    // same key, same partition: once the later event is applied, both copies have been seen
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> subjects(marker) == 1);
    assertEquals(1, subjects(subjectId));
    assertEquals(
        1,
        projections.countWhere(
            "select count(*) from processed_event where consumer = ?1 and event_id = ?2",
            ConsentProjection.CONSUMER,
            registration.eventId()));
  }

  @Test
  void deadLettersAPoisonMessageWithItsReason() {
    String key = "poison-" + UUID.randomUUID();

    publish(consentTopic, key, "{this is not an envelope");

    ConsumerRecord<String, String> dead = awaitRecord(deadLetterTopic, key);
    assertEquals("{this is not an envelope", dead.value());
    Header reason = dead.headers().lastHeader("dead-letter-reason");
    assertEquals(
        true,
        reason != null
            && new String(reason.value(), StandardCharsets.UTF_8).contains("Unparseable"));
  }

  @Test
  @TestSecurity(user = "demo-furnisher", roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-furnisher"))
  void publishesAnAcceptedRecordToTheRecordsTopicKeyedBySubject() throws Exception {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    projections.grantCollect(subjectId, "demo-furnisher", DataCategory.TRADELINE);

    String recordId =
        given()
            .contentType(ContentType.JSON)
            .body(Requests.batch(Requests.tradeline(Requests.newRecordId(), nationalId)))
            .post("/v1/records")
            .then()
            .statusCode(200)
            .extract()
            .path("results[0].recordId");

    ConsumerRecord<String, String> published = awaitRecord(recordsTopic, subjectId);
    JsonNode envelope = Requests.JSON.readTree(published.value());
    assertEquals("record.accepted", envelope.get("type").asText());
    assertEquals(recordId, envelope.at("/payload/recordId").asText());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                projections.countWhere(
                        "select count(*) from outbox_event where published_at is not null"
                            + " and payload -> 'payload' ->> 'recordId' = ?1",
                        recordId)
                    == 1);
  }

  @Test
  @TestSecurity(user = "demo-furnisher", roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-furnisher"))
  void aDisputeAndARevocationFromTheConsentTopicReachTheRecordsTopic() throws Exception {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    Instant start = Instant.now().minus(Duration.ofDays(1));
    Instant end = Instant.now().plus(Duration.ofDays(365));
    UUID consentId = UUID.randomUUID();
    projections.changeConsent(
        consentId,
        1,
        subjectId,
        "demo-furnisher",
        dev.credence.common.events.ConsentStatus.ACTIVE,
        start,
        end,
        DataCategory.TRADELINE);
    String recordId =
        given()
            .contentType(ContentType.JSON)
            .body(Requests.batch(Requests.tradeline(Requests.newRecordId(), nationalId)))
            .post("/v1/records")
            .then()
            .statusCode(200)
            .extract()
            .path("results[0].recordId");
    UUID disputeId = UUID.randomUUID();

    publish(
        consentTopic,
        subjectId,
        EventCodec.write(
            EventCodec.envelope(
                Events.DISPUTE_OPENED,
                subjectId,
                "consent-service",
                new dev.credence.common.events.DisputeOpened(
                    disputeId, subjectId, UUID.fromString(recordId), "not mine", Instant.now()),
                Instant.now())));
    JsonNode opened =
        Requests.JSON.readTree(
            awaitRecord(recordsTopic, subjectId, v -> v.contains("\"dispute.updated\"")).value());
    assertEquals(disputeId.toString(), opened.at("/payload/disputeId").asText());
    assertEquals("OPEN", opened.at("/payload/status").asText());
    assertEquals(1, opened.at("/payload/sequence").asInt());

    publish(
        consentTopic,
        subjectId,
        EventCodec.write(
            Projections.consentChanged(
                consentId,
                2,
                subjectId,
                "demo-furnisher",
                dev.credence.common.events.ConsentStatus.REVOKED,
                start,
                end,
                DataCategory.TRADELINE)));
    JsonNode withdrawn =
        Requests.JSON.readTree(
            awaitRecord(recordsTopic, subjectId, v -> v.contains("\"record.withdrawn\"")).value());
    assertEquals(recordId, withdrawn.at("/payload/recordId").asText());
    assertEquals("ERASED", withdrawn.at("/payload/reason").asText());
  }

  private long subjects(String subjectId) {
    return projections.countWhere(
        "select count(*) from subject_view where subject_id = ?1", subjectId);
  }

  private void publish(String topic, String key, String value) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("Could not publish to " + topic, e);
    }
  }

  /** Reads the topic from the beginning until a record with this key turns up. */
  private ConsumerRecord<String, String> awaitRecord(String topic, String key) {
    return awaitRecord(topic, key, value -> true);
  }

  /** Reads the topic from the beginning until a record with this key and a matching value. */
  private ConsumerRecord<String, String> awaitRecord(
      String topic, String key, java.util.function.Predicate<String> value) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "ingestion-it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false");
    AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                  if (key.equals(r.key()) && value.test(r.value())) {
                    found.set(r);
                  }
                }
                return found.get() != null;
              });
    }
    return found.get();
  }

  /** Mirrors {@code %test.kafka.bootstrap.servers} in application.properties. */
  static boolean brokerAnswers() {
    String configured = System.getenv("CREDENCE_TEST_KAFKA");
    return answers(configured == null || configured.isBlank() ? "127.0.0.1:9092" : configured);
  }

  private static boolean answers(String bootstrapServers) {
    String first = bootstrapServers.split(",")[0].strip();
    int colon = first.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))),
          1000);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
