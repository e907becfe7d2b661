package dev.credence.common.outbox;

import dev.credence.common.events.EventHeaders;
import dev.credence.common.messaging.Failures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in creation order, keyed by subject id, and marks them published
 * in the same transaction that locked them. It wakes up right after a transaction that appended
 * events commits, and polls as a safety net. Delivery is at least once; consumers deduplicate by
 * event id.
 *
 * <p><b>One relay at a time per outbox.</b> Every replica runs a relay, but each batch first takes
 * a transaction-scoped advisory lock ({@link #RELAY_LOCK}), so batches of different replicas run
 * one after the other, never side by side. With {@code for update skip locked} alone, a relay that
 * stalled holding a consent change let another replica's relay skip it and publish a heartbeat
 * written after it: the heartbeat overtook the change on its partition, and scoring took a revoked
 * consent's state for current (docs/consent.md, "Heartbeats"). Waiting on the lock rather than
 * trying it means a woken relay publishes its own rows right after the other's batch commits, not a
 * poll interval later.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  @Inject EntityManager em;
  @Inject TransactionSynchronizationRegistry txRegistry;
  @Inject MeterRegistry meters;

  @Inject
  @Channel("outbox")
  MutinyEmitter<String> emitter;

  @ConfigProperty(name = "credence.outbox.poll-interval", defaultValue = "1s")
  Duration pollInterval;

  @ConfigProperty(name = "credence.outbox.batch-size", defaultValue = "500")
  int batchSize;

  @ConfigProperty(name = "credence.outbox.send-timeout", defaultValue = "5s")
  Duration sendTimeout;

  @ConfigProperty(name = "credence.outbox.enabled", defaultValue = "true")
  boolean enabled;

  /**
   * How long the relay lets commits gather after it is woken, before it reads the outbox (Kafka's
   * {@code linger.ms}, one level up). Woken after every commit with no linger, the relay ran one
   * full cycle (locking select, send, wait for the acks, update, commit) for every one or two
   * events at moderate load, and scoring's machine was ~90% busy at half its peak rate; a few
   * milliseconds turn those into one cycle per burst. Zero publishes at once.
   */
  @ConfigProperty(name = "credence.outbox.linger", defaultValue = "10ms")
  Duration linger;

  /**
   * Runs the Kafka sends with the relay's JTA transaction suspended, so the producer's callback
   * threads never inherit it through context propagation (they did, and a commit racing a callback
   * still inside the propagated context failed with "commit invoked while multiple threads
   * active"). The rows stay locked: the transaction is resumed for the update.
   */
  private final ThreadContext withoutTransaction =
      ThreadContext.builder()
          .propagated(ThreadContext.ALL_REMAINING)
          .cleared(ThreadContext.TRANSACTION)
          .unchanged()
          .build();

  private final Semaphore wakeUp = new Semaphore(0);
  private volatile boolean running;
  private Thread worker;
  private Counter published;

  /**
   * When the oldest event this relay last found waiting was written, or null when it found none:
   * the backlog's age ({@code credence_outbox_pending_age_seconds}). An outbox that stops draining,
   * whatever the reason (broker down, relay failing, rows it cannot send), shows as an age that
   * keeps growing, on every service that has an outbox.
   */
  private volatile Instant oldestPending;

  void start(@Observes StartupEvent ignored) {
    if (!enabled) {
      return;
    }
    published = meters.counter("credence.outbox.published");
    Gauge.builder("credence.outbox.pending.age", this, OutboxRelay::pendingAgeSeconds)
        .description("Age of the oldest outbox event waiting to be published (0 when none waits)")
        .baseUnit("seconds")
        .register(meters);
    running = true;
    worker = new Thread(this::loop, "outbox-relay");
    worker.setDaemon(true);
    worker.start();
  }

  void stop(@Observes ShutdownEvent ignored) {
    running = false;
    wakeUp.release();
    if (worker != null) {
      try {
        worker.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Publish now: for a writer that committed outbox rows on its own connection, outside any JTA
   * transaction (scoring's group-committed releases).
   */
  public void wakeUp() {
    wakeUp.release();
  }

  /** Called inside a transaction that appended an event: publish as soon as it commits. */
  void wakeUpAfterCommit() {
    txRegistry.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              wakeUp.release();
            }
          }
        });
  }

  private void loop() {
    long backoffMillis = 0;
    while (running) {
      try {
        long wait = backoffMillis > 0 ? backoffMillis : pollInterval.toMillis();
        if (wakeUp.tryAcquire(wait, TimeUnit.MILLISECONDS) && !linger.isZero()) {
          Thread.sleep(linger.toMillis());
        }
        wakeUp.drainPermits();
        if (!running) {
          return;
        }
        int sent;
        do {
          sent = publishBatch();
        } while (sent == batchSize && running);
        backoffMillis = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        backoffMillis = Math.min(Math.max(backoffMillis * 2, 500), 10_000);
        LOG.warnf(
            "Outbox relay failed (%s); retrying in %d ms", Failures.describe(e), backoffMillis);
      }
    }
  }

  /** Seconds since the oldest waiting event was written, as of the relay's last look; 0 if none. */
  public double pendingAgeSeconds() {
    Instant oldest = oldestPending;
    return oldest == null
        ? 0
        : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
  }

  private static Instant instant(Object value) {
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    return value instanceof Instant i ? i : null;
  }

  /**
   * The advisory lock key that serialises the relays of one database's outbox (each service has a
   * database of its own). Other advisory locks of the services use other keys.
   */
  public static final long RELAY_LOCK = 0x63726564_726c7931L; // "credrly1"

  /** Publishes one batch; returns how many rows were published. */
  public int publishBatch() {
    return QuarkusTransaction.requiringNew()
        .timeout((int) sendTimeout.toSeconds() + 20)
        .call(
            () -> {
              // another replica's batch first: what it locked is published (or released) before
              // this one reads the outbox, so creation order holds across replicas
              em.createNativeQuery("select pg_advisory_xact_lock(?1)")
                  .setParameter(1, RELAY_LOCK)
                  .getSingleResult();
              @SuppressWarnings("unchecked")
              List<Object[]> rows =
                  em.createNativeQuery(
                          "select id, topic, message_key, cast(payload as text), created_at, type"
                              + " from outbox_event where published_at is null"
                              + " order by created_at, id limit ?1 for update skip locked")
                      .setParameter(1, batchSize)
                      .getResultList();
              if (rows.isEmpty()) {
                oldestPending = null;
                return 0;
              }
              oldestPending = instant(rows.get(0)[4]);
              List<Uni<UUID>> sends = new ArrayList<>(rows.size());
              for (Object[] row : rows) {
                UUID id = (UUID) row[0];
                Message<String> message =
                    Message.of((String) row[3])
                        .addMetadata(
                            OutgoingKafkaRecordMetadata.<String>builder()
                                .withTopic((String) row[1])
                                .withKey((String) row[2])
                                .addHeaders(EventHeaders.type((String) row[5]))
                                .build());
                sends.add(
                    emitter.sendMessage(message).replaceWith(id).onFailure().recoverWithNull());
              }
              List<UUID> acked =
                  withoutTransaction
                      .contextualCallable(
                          () -> Uni.join().all(sends).andFailFast().await().atMost(sendTimeout))
                      .call()
                      .stream()
                      .filter(Objects::nonNull)
                      .toList();
              if (!acked.isEmpty()) {
                em.createNativeQuery(
                        "update outbox_event set published_at = now() where id = any(?1)")
                    .setParameter(1, acked.toArray(new UUID[0]))
                    .executeUpdate();
                published.increment(acked.size());
              }
              if (acked.size() < rows.size()) {
                throw new IllegalStateException(
                    (rows.size() - acked.size()) + " outbox events were not acknowledged");
              }
              if (rows.size() < batchSize) {
                oldestPending = null; // all it found is published; a full batch looks again
              }
              return acked.size();
            });
  }
}
