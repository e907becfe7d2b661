package dev.credence.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What any Kafka client can still read of one key's partition: the keys of every message from the
 * partition's log start to its end, read by a fresh consumer with no group (it commits nothing, so
 * it never holds back a log trim).
 */
final class KafkaLog implements AutoCloseable {
  private final String bootstrap;
  private final Admin admin;

  KafkaLog(String bootstrap) {
    this.bootstrap = bootstrap;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  /** The partition a message with this key goes to (murmur2 of the key, as the producer does). */
  TopicPartition partitionOf(String topic, String key) throws Exception {
    int partitions =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(10, TimeUnit.SECONDS)
            .get(topic)
            .partitions()
            .size();
    return new TopicPartition(
        topic,
        BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions));
  }

  long logStart(TopicPartition tp) throws Exception {
    return offset(tp, OffsetSpec.earliest());
  }

  /** The keys of every message still readable on the partition, oldest first. */
  List<String> keys(TopicPartition tp) throws Exception {
    long end = offset(tp, OffsetSpec.latest());
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<String> keys = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (consumer.position(tp) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + tp + " up to " + end);
        }
        consumer.poll(Duration.ofMillis(200)).records(tp).forEach(r -> keys.add(r.key()));
      }
    }
    return keys;
  }

  private long offset(TopicPartition tp, OffsetSpec spec) throws Exception {
    return admin
        .listOffsets(Map.of(tp, spec))
        .partitionResult(tp)
        .get(10, TimeUnit.SECONDS)
        .offset();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
