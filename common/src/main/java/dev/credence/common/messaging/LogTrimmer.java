package dev.credence.common.messaging;

import dev.credence.common.messaging.LogTrim.Cut;
import dev.credence.common.messaging.LogTrim.Decision;
import dev.credence.common.messaging.LogTrim.Done;
import dev.credence.common.messaging.LogTrim.Wait;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Cuts an erased subject's events off the front of their Kafka partition once every reader of the
 * topic has read past them (the rule is {@link LogTrim}'s).
 *
 * <p>An erasure calls {@link #request} in its own transaction: a {@code log_trim} row names the
 * topic and the subject's message key. Every {@code credence.log-trim.interval} the job takes each
 * pending row through three steps, each in its own short transaction, never holding one across a
 * Kafka call:
 *
 * <ol>
 *   <li><b>Target.</b> Once the outbox holds no unpublished event of that key and topic written up
 *       to the request (the erasure's own events among them), the subject's events are all on the
 *       partition its key maps to; that partition's end offset then is the target.
 *   <li><b>Cut.</b> When every reader (the groups named in {@code credence.log-trim.readers}, and
 *       every other consumer group found with an offset on the partition) has committed at or past
 *       the target, the partition's log start moves to the target ({@code DeleteRecords}): no
 *       client can read any message before it again. Other subjects' messages before it go too;
 *       every reader has already read them.
 *   <li><b>Sweep.</b> Kafka deletes a segment's bytes from disk only when the whole segment lies
 *       before the log start, and the segment holding the target is still open at the cut. After
 *       {@code credence.log-trim.sweep-after} (longer than the topic's {@code segment.ms}, so that
 *       segment has rolled if anything was written since) the partition is cut once more, to where
 *       every reader has read by then, and the retention check removes the old segment's file.
 * </ol>
 *
 * <p>A reader that never catches up holds the cut back for as long as its committed offsets live on
 * the broker ({@code offsets.retention.minutes}); the {@code credence.log.trim.pending} gauge shows
 * how many erasures wait. Nothing here names the subject in a log line.
 */
@ApplicationScoped
public class LogTrimmer {
  private static final Logger LOG = Logger.getLogger(LogTrimmer.class);
  private static final long KAFKA_TIMEOUT_SECONDS = 10;

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject MeterRegistry meters;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @ConfigProperty(name = "credence.log-trim.enabled", defaultValue = "false")
  boolean enabled;

  /** The consumer groups that read the trimmed topics; each must have read past a cut. */
  @ConfigProperty(name = "credence.log-trim.readers")
  Optional<List<String>> readers;

  @ConfigProperty(name = "credence.log-trim.sweep-after", defaultValue = "PT65M")
  Duration sweepAfter;

  /** Also wait for consumer groups not named in the readers that have offsets on the partition. */
  @ConfigProperty(name = "credence.log-trim.discover-readers", defaultValue = "true")
  boolean discoverReaders;

  private final AtomicInteger pending = new AtomicInteger();
  private volatile Admin admin;

  void start(@Observes StartupEvent ignored) {
    if (!enabled) {
      return; // a service that cuts no topic (scoring) shows no gauge
    }
    Gauge.builder("credence.log.trim.pending", pending, AtomicInteger::get)
        .description("Erasures whose events are not yet cut off their Kafka partition")
        .register(meters);
  }

  void stop(@Observes ShutdownEvent ignored) {
    Admin a = admin;
    if (a != null) {
      a.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Asks for the events keyed {@code key} on {@code topic} to be cut, in the caller's transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void request(String topic, String key, Instant now) {
    em.createNativeQuery(
            "insert into log_trim (id, topic, message_key, requested_at) values (?1, ?2, ?3, ?4)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, topic)
        .setParameter(3, key)
        .setParameter(4, Timestamp.from(now))
        .executeUpdate();
  }

  @Scheduled(
      every = "${credence.log-trim.interval:10s}",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    if (!enabled) {
      return;
    }
    try {
      runOnce();
    } catch (RuntimeException e) {
      // the rows stay; the next run tries again
      LOG.warnf("Log trim run failed: %s", e.getClass().getSimpleName());
    }
  }

  /** One pass over the pending rows; returns how many rows moved a step. */
  public int runOnce() {
    List<Row> rows = pendingRows();
    pending.set((int) rows.stream().filter(r -> r.cutAt() == null).count());
    if (rows.isEmpty()) {
      return 0;
    }
    if (readers().isEmpty()) {
      LOG.warn("Erasures wait for a log trim, but credence.log-trim.readers names no reader");
      return 0;
    }
    Instant now = clock.instant();
    // each partition's readers are asked once a pass, however many erasures wait on it; an offset
    // read earlier in the pass can only be lower than the reader's current one (the safe side)
    Map<TopicPartition, Map<String, OptionalLong>> readPositions = new HashMap<>();
    int moved = 0;
    for (Row row : rows) {
      try {
        if (row.target() == null) {
          moved += target(row) ? 1 : 0;
        } else if (row.cutAt() == null) {
          moved += cut(row, now, readPositions) ? 1 : 0;
        } else if (!now.isBefore(row.cutAt().plus(sweepAfter))) {
          sweep(row, now, readPositions);
          moved++;
        }
      } catch (RuntimeException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          // the topic was deleted: nothing of it is left to cut
          update("update log_trim set swept_at = ?2 where id = ?1", row.id(), Timestamp.from(now));
          LOG.infof("Log trim on %s: the topic is gone, nothing to cut", row.topic());
          moved++;
          continue;
        }
        // one row's trouble (Kafka slow or unreachable) does not hold the others back
        LOG.warnf(
            "Log trim on %s left for the next run: %s", row.topic(), e.getClass().getSimpleName());
      }
    }
    pending.set((int) pendingRows().stream().filter(r -> r.cutAt() == null).count());
    return moved;
  }

  record Row(
      UUID id,
      String topic,
      String key,
      Instant requestedAt,
      Integer partition,
      Long target,
      Instant cutAt) {}

  @Transactional
  List<Row> pendingRows() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, topic, message_key, requested_at, partition_no, target_offset, cut_at"
                    + " from log_trim where swept_at is null order by requested_at limit 200")
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Row(
                    (UUID) r[0],
                    (String) r[1],
                    (String) r[2],
                    instant(r[3]),
                    r[4] == null ? null : ((Number) r[4]).intValue(),
                    r[5] == null ? null : ((Number) r[5]).longValue(),
                    r[6] == null ? null : instant(r[6])))
        .toList();
  }

  boolean target(Row row) {
    if (unpublishedUpTo(row)) {
      return false; // the relay has not yet put all of the subject's events on the topic
    }
    int partitions =
        kafka(
            admin()
                .describeTopics(List.of(row.topic()))
                .allTopicNames()
                .thenApply(m -> m.get(row.topic()).partitions().size()));
    TopicPartition tp =
        new TopicPartition(row.topic(), PartitionKeys.partitionOf(row.key(), partitions));
    long end = offset(tp, OffsetSpec.latest());
    update(
        "update log_trim set partition_no = ?2, target_offset = ?3 where id = ?1",
        row.id(),
        tp.partition(),
        end);
    return true;
  }

  boolean cut(Row row, Instant now, Map<TopicPartition, Map<String, OptionalLong>> readPositions) {
    TopicPartition tp = new TopicPartition(row.topic(), row.partition());
    long logStart = offset(tp, OffsetSpec.earliest());
    Decision decision =
        LogTrim.decide(row.target(), logStart, readPositions.computeIfAbsent(tp, this::committed));
    if (decision instanceof Wait wait) {
      LOG.debugf("Log trim on %s waits for %s", tp, wait.behind());
      return false;
    }
    if (decision instanceof Cut c) {
      deleteBefore(tp, c.upTo());
      LOG.infof("Cut %s before offset %d (an erasure's events)", tp, c.upTo());
    }
    update("update log_trim set cut_at = ?2 where id = ?1", row.id(), Timestamp.from(now));
    return true;
  }

  void sweep(Row row, Instant now, Map<TopicPartition, Map<String, OptionalLong>> readPositions) {
    TopicPartition tp = new TopicPartition(row.topic(), row.partition());
    Map<String, OptionalLong> committed = readPositions.computeIfAbsent(tp, this::committed);
    if (committed.values().stream().allMatch(OptionalLong::isPresent)) {
      long readByAll =
          committed.values().stream().mapToLong(OptionalLong::getAsLong).min().orElseThrow();
      Decision decision = LogTrim.decide(readByAll, offset(tp, OffsetSpec.earliest()), committed);
      if (decision instanceof Cut c) {
        deleteBefore(tp, c.upTo());
        LOG.infof("Swept %s before offset %d (after an erasure's cut)", tp, c.upTo());
      } else if (!(decision instanceof Done)) {
        throw new IllegalStateException("every reader has read " + readByAll + ": " + decision);
      }
    }
    update("update log_trim set swept_at = ?2 where id = ?1", row.id(), Timestamp.from(now));
  }

  @Transactional
  boolean unpublishedUpTo(Row row) {
    return !em.createNativeQuery(
            "select 1 from outbox_event where published_at is null and topic = ?1"
                + " and message_key = ?2 and created_at <= ?3 limit 1")
        .setParameter(1, row.topic())
        .setParameter(2, row.key())
        .setParameter(3, Timestamp.from(row.requestedAt()))
        .getResultList()
        .isEmpty();
  }

  @Transactional
  void update(String sql, UUID id, Object a) {
    em.createNativeQuery(sql).setParameter(1, id).setParameter(2, a).executeUpdate();
  }

  @Transactional
  void update(String sql, UUID id, Object a, Object b) {
    em.createNativeQuery(sql)
        .setParameter(1, id)
        .setParameter(2, a)
        .setParameter(3, b)
        .executeUpdate();
  }

  private Set<String> readers() {
    return readers.orElse(List.of()).stream()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Each reader's committed offset on the partition: the named ones, and any other group found. */
  private Map<String, OptionalLong> committed(TopicPartition tp) {
    Set<String> groups = readers();
    Set<String> named = Set.copyOf(groups);
    if (discoverReaders) {
      kafka(admin().listGroups(ListGroupsOptions.forConsumerGroups()).all()).stream()
          .map(GroupListing::groupId)
          .forEach(groups::add);
    }
    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    groups.forEach(
        g -> specs.put(g, new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(tp))));
    Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets =
        kafka(admin().listConsumerGroupOffsets(specs).all());
    Map<String, OptionalLong> committed = new HashMap<>();
    for (String group : groups) {
      OffsetAndMetadata o = offsets.getOrDefault(group, Map.of()).get(tp);
      if (o != null) {
        committed.put(group, OptionalLong.of(o.offset()));
      } else if (named.contains(group)) {
        committed.put(group, OptionalLong.empty()); // a named reader must have read it
      }
    }
    return committed;
  }

  private long offset(TopicPartition tp, OffsetSpec spec) {
    return kafka(admin().listOffsets(Map.of(tp, spec)).partitionResult(tp)).offset();
  }

  private void deleteBefore(TopicPartition tp, long offset) {
    kafka(admin().deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(offset))).all());
  }

  private Admin admin() {
    Admin a = admin;
    if (a == null) {
      synchronized (this) {
        if (admin == null) {
          Map<String, Object> config = new HashMap<>();
          Set<String> known = AdminClientConfig.configNames();
          kafkaConfig.forEach(
              (k, v) -> {
                if (known.contains(k)) {
                  config.put(k, v);
                }
              });
          config.put(AdminClientConfig.CLIENT_ID_CONFIG, "credence-log-trim");
          admin = Admin.create(config);
        }
        a = admin;
      }
    }
    return a;
  }

  private static <T> T kafka(org.apache.kafka.common.KafkaFuture<T> future) {
    try {
      return future.get(KAFKA_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking Kafka", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka refused the log trim's request", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer the log trim's request", e);
    }
  }

  private static Instant instant(Object value) {
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    return (Instant) value;
  }
}
