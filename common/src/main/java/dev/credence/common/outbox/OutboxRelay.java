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
   * How much earlier than the oldest open transaction of the database a bounded scan starts: the
   * most an event's {@code created_at} (the application's clock, when the event was made) may
   * precede the start of the transaction that writes it (the database's clock), clock skew
   * included. See {@link #publishBatch()}.
   */
  @ConfigProperty(name = "credence.outbox.scan-margin", defaultValue = "5s")
  Duration scanMargin;

  /**
   * How often a scan reads the whole of the unpublished rows, from the oldest, whatever the bounded
   * scans found: the net under the bound (an event older than the margin allows is published this
   * late, never lost). Zero: every scan is whole.
   */
  @ConfigProperty(name = "credence.outbox.full-scan-interval", defaultValue = "5s")
  Duration fullScanInterval;

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

  /**
   * Where the next scan may start ({@code created_at >= scanFrom}), or null for a whole scan; see
   * {@link #publishBatch()}.
   */
  private volatile Instant scanFrom;

  private volatile long lastWholeScan;

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

  /**
   * Where the next scan starts (null: from the oldest unpublished row); for tests and operators.
   */
  public Instant scanFrom() {
    return scanFrom;
  }

  /** Makes the next scan whole, from the oldest unpublished row. */
  public void rescanAll() {
    scanFrom = null;
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

  private static final String SELECT =
      "select id, topic, message_key, cast(payload as text), created_at, type"
          + " from outbox_event where published_at is null";

  private static final String ORDER = " order by created_at, id limit ?1 for update skip locked";

  /**
   * When the oldest transaction open in this database, other than the relay's own, began (now when
   * none is open). Sessions of other database roles show no start to a role without {@code
   * pg_read_all_stats}, and are left out: only the service's own role writes its outbox.
   */
  private static final String OLDEST_OPEN =
      "select coalesce(min(xact_start), now()) from pg_stat_activity"
          + " where datname = current_database() and pid <> pg_backend_pid()"
          + " and xact_start is not null";

  /**
   * Publishes one batch; returns how many rows were published.
   *
   * <p><b>Bounded scans.</b> Published rows stay in the table for the janitor's retention, and each
   * one's earlier version stays in the partial index of unpublished rows until a vacuum removes it.
   * A scan from the oldest entry walks all of them: with autovacuum off, or between two of its runs
   * on a large table, ingestion's relay spent 82 ms and 21,900 buffers on a select of 500 rows, a
   * whole core of PostgreSQL, and published 5,700 events a second while ingestion accepted 7,700
   * (docs/benchmarks.md, "The outbox relay's bounded scans"). So a scan starts where no unpublished
   * row can be older: at the oldest row the last batch found, or at the start of the oldest
   * transaction that was open when it looked (less {@link #scanMargin}), whichever is earlier. A
   * row not yet visible then is written by a transaction open then or begun since, and carries a
   * {@code created_at} no earlier than that transaction's start, less the margin. Every {@link
   * #fullScanInterval}, and after any failure, the scan is whole again.
   */
  public int publishBatch() {
    try {
      return QuarkusTransaction.requiringNew()
          .timeout((int) sendTimeout.toSeconds() + 20)
          .call(this::publishLocked);
    } catch (RuntimeException e) {
      scanFrom = null; // whatever failed, look at everything next time
      throw e;
    }
  }

  private int publishLocked() throws Exception {
    // another replica's batch first: what it locked is published (or released) before
    // this one reads the outbox, so creation order holds across replicas
    // and this transaction's statements planned for the outbox as it is now (CustomPlans)
    em.createNativeQuery("select pg_advisory_xact_lock(?1), " + CustomPlans.SQL)
        .setParameter(1, RELAY_LOCK)
        .getSingleResult();
    long now = System.nanoTime();
    Instant from = scanFrom;
    if (from == null || now - lastWholeScan >= fullScanInterval.toNanos()) {
      from = null;
      lastWholeScan = now;
    }
    Instant openSince = instant(em.createNativeQuery(OLDEST_OPEN).getSingleResult());
    var query =
        em.createNativeQuery(
                from == null ? SELECT + ORDER : SELECT + " and created_at >= ?2" + ORDER)
            .setParameter(1, batchSize);
    if (from != null) {
      query.setParameter(2, Timestamp.from(from));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    Instant next = openSince == null ? null : openSince.minus(scanMargin);
    if (next != null && !rows.isEmpty()) {
      Instant first = instant(rows.get(0)[4]);
      next = first == null ? null : (first.isBefore(next) ? first : next);
    }
    int sent = publishRows(rows);
    scanFrom = next;
    return sent;
  }

  private int publishRows(List<Object[]> rows) throws Exception {
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
      sends.add(emitter.sendMessage(message).replaceWith(id).onFailure().recoverWithNull());
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
      em.createNativeQuery("update outbox_event set published_at = now() where id = any(?1)")
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
  }
}
