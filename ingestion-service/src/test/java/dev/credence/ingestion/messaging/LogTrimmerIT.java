package dev.credence.ingestion.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.messaging.LogTrimmer;
import dev.credence.common.messaging.PartitionKeys;
import dev.credence.common.outbox.OutboxRelay;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The log trim against the real broker, on a scratch topic of its own (two partitions): an erased
 * subject's events are cut off their partition only once every reader has read past them, and then
 * no client can read them; other partitions, and what came after, stay. The readers are the test
 * profile's {@code credence.log-trim.readers} ({@code log-trim-test-reader}) and any other group
 * found with an offset there. {@code credence.log-trim.sweep-after} is 0 in this test's profile, so
 * the second cut comes at the next pass.
 */
@QuarkusTest
@EnabledIf(
    value = "brokerAnswers",
    disabledReason = "No Kafka broker answers at CREDENCE_TEST_KAFKA or 127.0.0.1:9092")
class LogTrimmerIT {
  private static final String READER = "log-trim-test-reader";
  private static final int PARTITIONS = 2;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject LogTrimmer trimmer;
  @Inject EntityManager em;
  @Inject AgroalDataSource dataSource;

  private Admin admin;
  private String topic;
  private final List<String> groups = new ArrayList<>();

  @BeforeEach
  void scratchTopic() throws Exception {
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    topic = "credence.log-trim-it." + UUID.randomUUID();
    admin
        .createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
        .all()
        .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void dropIt() throws Exception {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery("delete from log_trim where topic = ?1")
                    .setParameter(1, topic)
                    .executeUpdate());
    admin.deleteTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
    // the readers' offsets on it go with the topic; the groups themselves are empty
    for (String g : groups) {
      admin.deleteConsumerGroups(List.of(g)).all().get(10, TimeUnit.SECONDS);
    }
    admin.close();
  }

  @Test
  void cutsTheSubjectsEventsOnceEveryReaderHasReadThemAndNoClientReadsThemAgain() throws Exception {
    String subject = "sub-" + UUID.randomUUID();
    TopicPartition tp = partitionOf(subject);
    String neighbour = keyOn(tp.partition(), "neighbour-");
    String elsewhere = keyOn(1 - tp.partition(), "elsewhere-");
    send(subject, 3);
    send(neighbour, 2);
    send(elsewhere, 4);
    long end = offset(tp, OffsetSpec.latest());
    assertEquals(5, end);

    UUID row = request(subject);
    trimmer.runOnce();
    assertEquals(end, target(row), "the target is the partition's end once nothing is unpublished");
    assertEquals(tp.partition(), partition(row));

    // the reader has read nothing yet: no cut
    trimmer.runOnce();
    assertNull(cutAt(row));
    assertEquals(0, offset(tp, OffsetSpec.earliest()));

    // read up to just before the target: still no cut
    commit(READER, tp, end - 1);
    trimmer.runOnce();
    assertNull(cutAt(row));
    assertEquals(0, offset(tp, OffsetSpec.earliest()));

    commit(READER, tp, end);
    send(neighbour, 1); // written after the erasure: stays
    trimmer.runOnce();
    assertNotNull(cutAt(row));
    assertEquals(end, offset(tp, OffsetSpec.earliest()), "the partition now starts at the target");
    List<ConsumerRecord<String, String>> left = readAll(tp);
    assertEquals(1, left.size());
    assertTrue(left.stream().noneMatch(r -> r.key().equals(subject)));
    assertEquals(neighbour, left.get(0).key());
    // the other partition is untouched
    TopicPartition other = new TopicPartition(topic, 1 - tp.partition());
    assertEquals(0, offset(other, OffsetSpec.earliest()));
    assertEquals(4, readAll(other).size());

    // the sweep (sweep-after 0 here): a second cut to wherever every reader has read by then
    send(neighbour, 2);
    commit(READER, tp, offset(tp, OffsetSpec.latest()));
    trimmer.runOnce();
    assertNotNull(sweptAt(row));
    assertEquals(offset(tp, OffsetSpec.latest()), offset(tp, OffsetSpec.earliest()));
  }

  @Test
  void aGroupNotNamedButReadingThePartitionHoldsTheCutBackToo() throws Exception {
    String subject = "sub-" + UUID.randomUUID();
    TopicPartition tp = partitionOf(subject);
    send(subject, 2);
    long end = offset(tp, OffsetSpec.latest());
    UUID row = request(subject);
    trimmer.runOnce();
    assertEquals(end, target(row));

    String analytics = "log-trim-it-analytics-" + UUID.randomUUID();
    commit(analytics, tp, 1);
    commit(READER, tp, end);
    trimmer.runOnce();
    assertNull(cutAt(row), "a reader found on the broker has not read the subject's last event");
    assertEquals(0, offset(tp, OffsetSpec.earliest()));

    commit(analytics, tp, end);
    trimmer.runOnce();
    assertNotNull(cutAt(row));
    assertEquals(end, offset(tp, OffsetSpec.earliest()));
  }

  @Test
  void waitsUntilTheOutboxHasPublishedTheSubjectsEvents() throws Exception {
    String subject = "sub-" + UUID.randomUUID();
    TopicPartition tp = partitionOf(subject);
    send(subject, 1);
    UUID outboxRow = UUID.randomUUID();
    // the relay stays away meanwhile: this connection holds its lock, so the row stays unpublished
    try (Connection relayLock = dataSource.getConnection()) {
      relayLock.setAutoCommit(false);
      try (PreparedStatement lock = relayLock.prepareStatement("select pg_advisory_xact_lock(?)")) {
        lock.setLong(1, OutboxRelay.RELAY_LOCK);
        lock.execute();
      }
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery(
                          "insert into outbox_event (id, topic, message_key, type, payload,"
                              + " created_at) values (?1, ?2, ?3, 'record.withdrawn',"
                              + " cast('{}' as jsonb), ?4)")
                      .setParameter(1, outboxRow)
                      .setParameter(2, topic)
                      .setParameter(3, subject)
                      .setParameter(4, Timestamp.from(Instant.now().minusSeconds(1)))
                      .executeUpdate());
      UUID row = request(subject);
      commit(READER, tp, offset(tp, OffsetSpec.latest()));
      trimmer.runOnce();
      assertNull(target(row), "the erasure's own event is not on the topic yet");

      // published (as the relay would: on the topic, then marked)
      send(subject, 1);
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery("update outbox_event set published_at = now() where id = ?1")
                      .setParameter(1, outboxRow)
                      .executeUpdate());
      trimmer.runOnce();
      assertEquals(2, target(row), "both events are before the target");
      assertNull(cutAt(row));
      relayLock.rollback();
    } finally {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery("delete from outbox_event where id = ?1")
                      .setParameter(1, outboxRow)
                      .executeUpdate());
    }
  }

  @Test
  void aRequestForATopicThatIsGoneIsDone() throws Exception {
    String gone = "credence.log-trim-it.gone." + UUID.randomUUID();
    QuarkusTransaction.requiringNew().run(() -> trimmer.request(gone, "sub-x", Instant.now()));
    trimmer.runOnce();
    Object swept =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Object v =
                      em.createNativeQuery("select swept_at from log_trim where topic = ?1")
                          .setParameter(1, gone)
                          .getSingleResult();
                  em.createNativeQuery("delete from log_trim where topic = ?1")
                      .setParameter(1, gone)
                      .executeUpdate();
                  return v;
                });
    assertNotNull(swept, "no topic, nothing to cut: the request is done, not retried forever");
  }

  // --- helpers

  private UUID request(String subject) {
    QuarkusTransaction.requiringNew().run(() -> trimmer.request(topic, subject, Instant.now()));
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                (UUID)
                    em.createNativeQuery(
                            "select id from log_trim where topic = ?1 and message_key = ?2")
                        .setParameter(1, topic)
                        .setParameter(2, subject)
                        .getSingleResult());
  }

  private Object column(UUID row, String column) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createNativeQuery("select " + column + " from log_trim where id = ?1")
                    .setParameter(1, row)
                    .getSingleResult());
  }

  private Long target(UUID row) {
    Object v = column(row, "target_offset");
    return v == null ? null : ((Number) v).longValue();
  }

  private int partition(UUID row) {
    return ((Number) column(row, "partition_no")).intValue();
  }

  private Object cutAt(UUID row) {
    return column(row, "cut_at");
  }

  private Object sweptAt(UUID row) {
    return column(row, "swept_at");
  }

  private TopicPartition partitionOf(String key) {
    return new TopicPartition(topic, PartitionKeys.partitionOf(key, PARTITIONS));
  }

  private static String keyOn(int partition, String prefix) {
    return PartitionKeys.covering(prefix, PARTITIONS).get(partition);
  }

  private void send(String key, int n) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < n; i++) {
        producer.send(new ProducerRecord<>(topic, key, "{\"n\":" + i + "}")).get();
      }
    }
  }

  private long offset(TopicPartition tp, OffsetSpec spec) throws Exception {
    return admin.listOffsets(Map.of(tp, spec)).partitionResult(tp).get().offset();
  }

  /** Commits the group's offset on the partition as a consumer of it would. */
  private void commit(String group, TopicPartition tp, long offset) {
    if (!groups.contains(group)) {
      groups.add(group);
    }
    try (KafkaConsumer<String, String> consumer = consumer(group)) {
      consumer.assign(List.of(tp));
      consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)));
    }
  }

  private List<ConsumerRecord<String, String>> readAll(TopicPartition tp) throws Exception {
    long end = offset(tp, OffsetSpec.latest());
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(null)) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).records(tp).forEach(out::add);
      }
    }
    return out;
  }

  private KafkaConsumer<String, String> consumer(String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    if (group != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }

  static boolean brokerAnswers() {
    return ConsentEventsConsumerIT.brokerAnswers();
  }
}
