package dev.credence.scoring.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Events;
import dev.credence.common.events.RecordAccepted;
import dev.credence.common.events.RecordWithdrawn;
import dev.credence.common.events.SubjectRegistered;
import dev.credence.common.events.SubjectType;
import dev.credence.common.events.WithdrawalReason;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The built service against a real broker: a record event delivered twice is applied once, and a
 * poison message on the records or the consent topic lands on the dead-letter topic with its
 * reason. Skipped when no broker answers on 127.0.0.1:9092 (./credence up starts one).
 */
@QuarkusIntegrationTest
@EnabledIf("brokerAvailable")
class RecordEventsConsumerIT {
  static final String BOOTSTRAP =
      System.getenv().getOrDefault("CREDENCE_TEST_KAFKA", "127.0.0.1:9092");
  static final String RECORDS = "credence.records.v1.test";
  static final String DEAD_LETTER = "credence.dead-letter.v1.test";
  static final String CONSENT = "credence.consent.v1.test";
  static final String DB = "jdbc:postgresql://127.0.0.1:5432/credence_scoring_test";

  static boolean brokerAvailable() {
    String[] hostPort = BOOTSTRAP.split(",")[0].split(":");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1000);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", BOOTSTRAP, "acks", "all"),
        new StringSerializer(),
        new StringSerializer());
  }

  static String recordEvent(String subjectId, String furnisherRecordId) {
    return recordEvent(subjectId, UUID.randomUUID(), furnisherRecordId);
  }

  static String recordEvent(String subjectId, UUID recordId, String furnisherRecordId) {
    ObjectNode data = EventCodec.mapper().createObjectNode();
    data.put("accountType", "REVOLVING");
    data.put("creditLimit", 1000);
    data.put("currentBalance", 100);
    data.put("accountStatus", "11");
    data.put("reportedOn", LocalDate.now().toString());
    return EventCodec.write(
        EventCodec.envelope(
            Events.RECORD_ACCEPTED,
            subjectId,
            "ingestion-service",
            new RecordAccepted(
                recordId,
                subjectId,
                "demo-bank",
                furnisherRecordId,
                DataCategory.TRADELINE,
                LocalDate.now(),
                data),
            Instant.now()));
  }

  static long rows(String sql, String param) throws Exception {
    Properties props = new Properties();
    props.put("user", "credence_test");
    props.put("password", "credence-local-test");
    try (Connection c = DriverManager.getConnection(DB, props);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void aRecordEventDeliveredTwiceIsAppliedOnce() throws Exception {
    String subjectId = "sub_it_" + UUID.randomUUID();
    String event = recordEvent(subjectId, "acct-dup");
    String marker = recordEvent(subjectId, "acct-marker");

    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>(RECORDS, subjectId, event)).get();
      producer.send(new ProducerRecord<>(RECORDS, subjectId, event)).get();
      // same key, same partition: once the marker is applied, both copies have been handled
      producer.send(new ProducerRecord<>(RECORDS, subjectId, marker)).get();
    }

    String bySubject = "select count(*) from subject_record where subject_id = ?";
    await().atMost(Duration.ofSeconds(60)).until(() -> rows(bySubject, subjectId) == 2);
    assertEquals(
        1,
        rows(
            "select count(*) from subject_record where furnisher_record_id = 'acct-dup' and subject_id = ?",
            subjectId));
  }

  @Test
  void aWithdrawnRecordStopsCountingAndARedeliveredReportDoesNotBringItBack() throws Exception {
    String subjectId = "sub_it_" + UUID.randomUUID();
    UUID recordId = UUID.randomUUID();
    String accepted = recordEvent(subjectId, recordId, "acct-gone");
    String kept = recordEvent(subjectId, UUID.randomUUID(), "acct-kept");
    String withdrawn =
        EventCodec.write(
            EventCodec.envelope(
                Events.RECORD_WITHDRAWN,
                subjectId,
                "ingestion-service",
                new RecordWithdrawn(
                    recordId,
                    subjectId,
                    "demo-bank",
                    "acct-gone",
                    DataCategory.TRADELINE,
                    WithdrawalReason.DELETED,
                    null,
                    Instant.now()),
                Instant.now()));
    String marker = recordEvent(subjectId, UUID.randomUUID(), "acct-marker");

    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>(RECORDS, subjectId, accepted)).get();
      producer.send(new ProducerRecord<>(RECORDS, subjectId, kept)).get();
      producer.send(new ProducerRecord<>(RECORDS, subjectId, withdrawn)).get();
      producer.send(new ProducerRecord<>(RECORDS, subjectId, withdrawn)).get();
      // the same report again under a new event id: the withdrawn record must stay withdrawn
      producer
          .send(
              new ProducerRecord<>(
                  RECORDS, subjectId, recordEvent(subjectId, recordId, "acct-gone")))
          .get();
      producer.send(new ProducerRecord<>(RECORDS, subjectId, marker)).get();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                rows(
                        "select count(*) from subject_record where furnisher_record_id = 'acct-marker'"
                            + " and subject_id = ?",
                        subjectId)
                    == 1);
    assertEquals(
        0,
        rows(
            "select count(*) from subject_record where record_id = cast(? as uuid)",
            recordId.toString()));
    assertEquals(2, rows("select count(*) from subject_record where subject_id = ?", subjectId));
    assertEquals(
        1,
        rows(
            "select count(*) from withdrawn_record where record_id = cast(? as uuid)",
            recordId.toString()));
  }

  @Test
  void aPoisonMessageGoesToTheDeadLetterTopicWithItsReason() throws Exception {
    String key = "poison-" + UUID.randomUUID();
    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>(RECORDS, key, "{this is not an event")).get();
    }

    ConsumerRecord<String, String> found = deadLetter(key);
    Header reason = found.headers().lastHeader("dead-letter-reason");
    assertNotNull(reason);
    String text = new String(reason.value(), StandardCharsets.UTF_8);
    assertEquals(true, text.contains("Unparseable event envelope"), text);
  }

  @Test
  void aPoisonConsentEventGoesToTheDeadLetterTopicAndTheNextChangeIsApplied() throws Exception {
    String key = "consent-poison-" + UUID.randomUUID();
    String subjectId = UUID.randomUUID().toString();
    try (KafkaProducer<String, String> producer = producer()) {
      // the poison, then a change on the same key (same partition): the poll goes on past it
      producer.send(new ProducerRecord<>(CONSENT, key, "{this is not an event")).get();
      producer
          .send(
              new ProducerRecord<>(
                  CONSENT,
                  key,
                  EventCodec.write(
                      EventCodec.envelope(
                          Events.SUBJECT_REGISTERED,
                          subjectId,
                          "consent-service",
                          new SubjectRegistered(
                              subjectId, SubjectType.PERSON, List.of(), Instant.now()),
                          Instant.now()))))
          .get();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> rows("select count(*) from subject_view where subject_id = ?", subjectId) == 1);

    ConsumerRecord<String, String> found = deadLetter(key);
    assertEquals("{this is not an event", found.value());
    String reason =
        new String(
            found.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    assertEquals(true, reason.contains("Unparseable event envelope"), reason);
    assertEquals(
        CONSENT,
        new String(
            found.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8));
  }

  /** The dead-letter record with this key, once it has arrived (at most 60 s). */
  @SuppressWarnings("unchecked")
  static ConsumerRecord<String, String> deadLetter(String key) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                BOOTSTRAP,
                "group.id",
                "scoring-it-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(DEAD_LETTER));
      ConsumerRecord<String, String>[] found = new ConsumerRecord[1];
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                  if (key.equals(r.key())) {
                    found[0] = r;
                  }
                }
                return found[0] != null;
              });
      return found[0];
    }
  }
}
