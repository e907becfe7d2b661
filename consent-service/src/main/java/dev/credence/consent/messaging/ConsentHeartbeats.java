package dev.credence.consent.messaging;

import dev.credence.common.events.ConsentHeartbeat;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Events;
import dev.credence.common.events.Topics;
import dev.credence.common.messaging.PartitionKeys;
import dev.credence.common.outbox.Outbox;
import dev.credence.consent.service.SubjectService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes a {@code consent.heartbeat} marker for every partition of the consent topic through the
 * outbox, every {@code credence.consent.heartbeat.interval} (250 ms; one transaction for all). The
 * markers travel the same way as consent changes (outbox, relay, topic, scoring's consumer), behind
 * every change committed before them, so scoring can tell how fresh its consent state is and stop
 * disclosing when it is not (docs/consent.md, "Heartbeats"). One outbox row per partition is
 * rewritten each time ({@link Outbox#replace}), shared by every replica, so a stalled relay leaves
 * a handful of rows, not a backlog of beats.
 *
 * <p>How many partitions the topic has is asked of the relay's own producer, on a thread of its own
 * (the lookup blocks while the broker is away), at start and every {@code partition-refresh} (1
 * min); until it has an answer no marker is written, which scoring reads as stale: it fails closed.
 */
@ApplicationScoped
public class ConsentHeartbeats {
  private static final Logger LOG = Logger.getLogger(ConsentHeartbeats.class);
  static final String KEY_PREFIX = "consent-heartbeat:";

  @Inject Outbox outbox;
  @Inject Topics topics;
  @Inject KafkaClientService kafka;

  @ConfigProperty(name = "credence.consent.heartbeat.enabled", defaultValue = "true")
  boolean enabled;

  @ConfigProperty(name = "credence.consent.heartbeat.interval", defaultValue = "250ms")
  Duration interval;

  @ConfigProperty(name = "credence.consent.heartbeat.partition-refresh", defaultValue = "1m")
  Duration partitionRefresh;

  private final Clock clock = Clock.systemUTC(); // wall time: scoring compares it with its own
  private volatile List<String> keys = List.of();
  private volatile boolean running;
  private Thread lookup;
  private Thread beater;

  void start(@Observes StartupEvent ignored) {
    if (!enabled) {
      return;
    }
    running = true;
    lookup = new Thread(this::lookUpPartitions, "consent-heartbeat-partitions");
    lookup.setDaemon(true);
    lookup.start();
    beater = new Thread(this::beatLoop, "consent-heartbeat");
    beater.setDaemon(true);
    beater.start();
  }

  void stop(@Observes ShutdownEvent ignored) {
    running = false;
    if (lookup != null) {
      lookup.interrupt();
      beater.interrupt();
    }
  }

  /** The keys in use, one per partition (empty until the partition count is known). */
  public List<String> keys() {
    return keys;
  }

  /** Sets the partition count directly (tests without a broker). */
  void usePartitions(int partitions) {
    keys = PartitionKeys.covering(KEY_PREFIX, partitions);
  }

  private void lookUpPartitions() {
    while (running) {
      long pause = partitionRefresh.toMillis();
      try {
        int partitions =
            kafka.getProducer("outbox").unwrap().partitionsFor(topics.consent()).size();
        if (partitions != keys.size()) {
          LOG.infof("Consent heartbeats go to %d partitions of %s", partitions, topics.consent());
          usePartitions(partitions);
        }
      } catch (RuntimeException e) {
        pause = keys.isEmpty() ? 1_000 : pause; // not known yet: ask again soon
        LOG.debugf("Partition lookup for heartbeats failed: %s", e.toString());
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Writes the markers every {@code interval}, on a thread of its own: Quarkus's scheduler checks
   * its triggers once a second, which made a 250 ms beat a 1 s one.
   */
  private void beatLoop() {
    while (running) {
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      try {
        beat();
      } catch (RuntimeException e) { // the database is away: the next beat tries again
        LOG.debugf("Writing consent heartbeats failed: %s", e.getClass().getSimpleName());
      }
    }
  }

  void beat() {
    if (!enabled || keys.isEmpty()) {
      return;
    }
    write(keys, Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
  }

  /** Writes one marker per partition, all as of {@code at}, in one transaction. */
  void write(List<String> partitionKeys, Instant at) {
    int n = partitionKeys.size();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int p = 0; p < n; p++) {
                String key = partitionKeys.get(p);
                outbox.replace(
                    rowId(topics.consent(), p),
                    topics.consent(),
                    key,
                    EventCodec.envelope(
                        Events.CONSENT_HEARTBEAT,
                        key,
                        SubjectService.PRODUCER,
                        new ConsentHeartbeat(p, n, at),
                        at));
              }
            });
  }

  /** The outbox row that carries partition {@code p}'s marker (the same on every replica). */
  static UUID rowId(String topic, int partition) {
    return UUID.nameUUIDFromBytes(
        ("consent-heartbeat:" + topic + ":" + partition).getBytes(StandardCharsets.UTF_8));
  }
}
