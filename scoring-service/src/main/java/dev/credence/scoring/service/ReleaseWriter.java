package dev.credence.scoring.service;

import dev.credence.common.identity.Ids;
import dev.credence.common.outbox.Outbox;
import dev.credence.common.outbox.OutboxRelay;
import dev.credence.scoring.model.Disclosure;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes what released scores leave behind — each disclosure, its inquiry and its {@code
 * disclosure.recorded} outbox row — and commits them <em>together with other requests'
 * releases</em> (group commit): a request hands its release to a small pool of writer threads
 * ({@code credence.scoring.release.writers}, each with its own connection) and waits until the
 * transaction that holds it has committed. A free writer takes every release waiting at that
 * moment; releases that arrive while all writers are busy wait for the next free one, so under load
 * one commit and one statement carry many releases, and a lone request is written at once (no
 * timer, no added wait). With two writers a release arriving mid-commit does not wait for that
 * commit to finish before its own can start (at half load one writer was busy ~70% of the time and
 * requests spent more than half their time in the executor waiting for it). A request is answered
 * only after its own rows are durable, exactly as when each request committed its own transaction.
 *
 * <p>When a batch fails, each of its releases is retried in its own transaction, so one bad release
 * cannot fail the others; a release that still fails is reported to its own request only (500).
 *
 * <p>A release that spends a use of a limited consent is not written here: the claim and the
 * disclosure must commit or roll back together, so it goes through {@link #insert} inside that
 * request's own transaction (see {@link ScoringService}).
 */
@ApplicationScoped
public class ReleaseWriter {
  private static final Logger LOG = Logger.getLogger(ReleaseWriter.class);

  /** One release: the disclosure, the kind of its inquiry, its outbox row. */
  public record Release(Disclosure disclosure, String inquiryKind, Outbox.Row event) {}

  record Pending(Release release, CompletableFuture<Void> committed) {}

  @Inject AgroalDataSource dataSource;
  @Inject OutboxRelay relay;
  @Inject MeterRegistry meters;

  @ConfigProperty(name = "credence.scoring.release.max-batch", defaultValue = "256")
  int maxBatch;

  @ConfigProperty(name = "credence.scoring.release.commit-timeout", defaultValue = "30s")
  Duration commitTimeout;

  @ConfigProperty(name = "credence.scoring.release.writers", defaultValue = "2")
  int writerCount;

  private static final int QUEUE_CAPACITY = 10_000;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private volatile boolean running;
  private final List<Thread> writers = new ArrayList<>();
  private DistributionSummary batchSizes;

  void start(@Observes StartupEvent ignored) {
    batchSizes =
        DistributionSummary.builder("credence.scoring.release.batch")
            .description("Releases committed per group-commit transaction")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
    if (writerCount < 1) {
      throw new IllegalArgumentException("credence.scoring.release.writers must be at least 1");
    }
    running = true;
    for (int i = 0; i < writerCount; i++) {
      Thread writer = new Thread(this::loop, "release-writer-" + i);
      writer.setDaemon(true);
      writer.start();
      writers.add(writer);
    }
  }

  void stop(@Observes ShutdownEvent ignored) {
    running = false;
    writers.forEach(Thread::interrupt);
    for (Thread writer : writers) {
      try {
        writer.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // whatever is still queued is written by the stopping thread, so no waiting request is lost
    List<Pending> rest = new ArrayList<>();
    queue.drainTo(rest);
    if (!rest.isEmpty()) {
      write(rest);
    }
  }

  /**
   * Commits the release (with whatever other releases are waiting) and returns once it is durable.
   *
   * @throws IllegalStateException when the release could not be committed; nothing of it is stored
   */
  public void commit(Release release) {
    try {
      submit(release).get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the release to commit", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("The release could not be committed", e.getCause());
    } catch (TimeoutException e) {
      // it may still commit; the lender then finds it with GET /v1/disclosures/{id}
      throw new IllegalStateException("The release did not commit within " + commitTimeout, e);
    }
  }

  /**
   * Queues the release for the next group commit without waiting: the stage completes once the
   * release is durable, or fails (nothing of it stored). It completes on a writer thread, so what
   * depends on it must be quick or move elsewhere. A commit that hangs is cancelled after {@code
   * credence.scoring.release.commit-timeout} (the statement's query timeout), which fails the
   * stage.
   */
  public CompletableFuture<Void> submit(Release release) {
    if (!running) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("The release writer is not running"));
    }
    Pending pending = new Pending(release, new CompletableFuture<>());
    if (!queue.offer(pending)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("The release queue is full (" + QUEUE_CAPACITY + ")"));
    }
    return pending.committed();
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (running) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return; // stop() writes what is left
      }
      queue.drainTo(batch, maxBatch - 1);
      try {
        write(batch);
      } catch (Throwable t) { // the writer must outlive anything one batch throws
        LOG.errorf("The release writer failed on a batch: %s", t.getClass().getSimpleName());
        batch.forEach(p -> p.committed().completeExceptionally(t));
      }
      batch.clear();
    }
  }

  /** Commits a batch and completes each pending release (package-private for its test). */
  void write(List<Pending> batch) {
    try {
      commitTogether(batch.stream().map(Pending::release).toList());
      batchSizes.record(batch.size());
      batch.forEach(p -> p.committed().complete(null));
    } catch (SQLException | RuntimeException e) {
      if (batch.size() == 1) {
        LOG.warnf("A release could not be committed: %s", e.getClass().getSimpleName());
        batch.get(0).committed().completeExceptionally(e);
        return;
      }
      LOG.warnf(
          "A batch of %d releases failed (%s); committing each on its own",
          batch.size(), e.getClass().getSimpleName());
      for (Pending p : batch) {
        write(List.of(p));
      }
      return;
    }
    relay.wakeUp();
  }

  /**
   * One statement in autocommit: PostgreSQL runs a single statement as its own transaction, so the
   * three data-modifying CTEs of {@link #INSERT_SQL} store every row of the batch or none, and the
   * commit (WAL flushed, {@code synchronous_commit} on) happens before the statement's answer comes
   * back: one round trip instead of three (BEGIN with the insert, then COMMIT). The COMMIT round
   * trip was a quarter of the writer's time at half load.
   */
  private void commitTogether(List<Release> releases) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      insert(connection, releases, (int) Math.max(1, commitTimeout.toSeconds()));
    }
  }

  /**
   * Inserts the releases with one statement on {@code connection}, in whatever transaction it is in
   * (the caller commits). The only SQL that writes disclosures, inquiries and their events.
   */
  public static void insert(Connection connection, List<Release> releases) throws SQLException {
    insert(connection, releases, 0);
  }

  private static void insert(Connection connection, List<Release> releases, int timeoutSeconds)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT_SQL)) {
      if (timeoutSeconds > 0) {
        statement.setQueryTimeout(timeoutSeconds);
      }
      int[] i = {0};
      Function<Function<Release, Object>, String[]> column =
          f ->
              releases.stream()
                  .map(f)
                  .map(v -> v == null ? null : v.toString())
                  .toArray(String[]::new);
      for (Function<Release, Object> f : COLUMNS) {
        statement.setArray(++i[0], connection.createArrayOf("text", column.apply(f)));
      }
      statement.executeUpdate();
    }
  }

  /** Every column, in the order of {@link #INSERT_SQL}'s {@code unnest} arguments. */
  private static final List<Function<Release, Object>> COLUMNS =
      List.of(
          r -> r.disclosure().id,
          r -> r.disclosure().lenderId,
          r -> r.disclosure().subjectId,
          r -> r.disclosure().purpose,
          r -> r.disclosure().consentId,
          r -> r.disclosure().outcome,
          r -> r.disclosure().score,
          r -> r.disclosure().band,
          r -> r.disclosure().noScoreReason,
          r -> r.disclosure().reasonCodes,
          r -> r.disclosure().scaleMin,
          r -> r.disclosure().scaleMax,
          r -> r.disclosure().modelId,
          r -> r.disclosure().modelVersion,
          r -> r.disclosure().snapshotHash,
          r -> r.disclosure().features,
          r -> r.disclosure().dataAsOf,
          r -> r.disclosure().computedAt, // Instant.toString(): ISO-8601 in UTC, microseconds kept
          r -> r.disclosure().subjectType,
          r -> r.disclosure().paymentIndex,
          r -> r.disclosure().paymentIndexInvoices,
          r ->
              r.disclosure().paymentIndexDbt == null
                  ? null
                  : r.disclosure().paymentIndexDbt.toPlainString(),
          r -> r.disclosure().deductions,
          r -> r.disclosure().disputedRecords,
          r -> r.disclosure().penaltyDomains,
          r -> Ids.timeOrdered(), // the inquiry's id
          Release::inquiryKind,
          r -> r.event().id(),
          r -> r.event().topic(),
          r -> r.event().key(),
          r -> r.event().type(),
          r -> r.event().payload(),
          r -> r.event().createdAt().toInstant());

  /**
   * The disclosures, their inquiries and their outbox rows, for any number of releases, in one
   * statement: the arrays are unnested once ({@code src}) and three data-modifying CTEs insert from
   * it. The inquiry repeats its disclosure's who, whom and when; the foreign key from inquiry to
   * disclosure is checked at the end of the statement, when both are there.
   */
  static final String INSERT_SQL =
      "with src as materialized (select * from unnest(cast(? as uuid[]), cast(? as text[]),"
          + " cast(? as text[]), cast(? as text[]), cast(? as uuid[]), cast(? as text[]),"
          + " cast(? as int[]), cast(? as text[]), cast(? as text[]), cast(? as jsonb[]),"
          + " cast(? as int[]), cast(? as int[]), cast(? as text[]), cast(? as text[]),"
          + " cast(? as text[]), cast(? as jsonb[]), cast(? as date[]), cast(? as timestamptz[]),"
          + " cast(? as text[]), cast(? as int[]), cast(? as int[]), cast(? as numeric[]),"
          + " cast(? as jsonb[]), cast(? as int[]), cast(? as jsonb[]), cast(? as uuid[]),"
          + " cast(? as text[]),"
          + " cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),"
          + " cast(? as jsonb[]), cast(? as timestamptz[]))"
          + " as s(id, lender_id, subject_id, purpose, consent_id, outcome, score, band,"
          + " no_score_reason, reason_codes, scale_min, scale_max, model_id, model_version,"
          + " snapshot_hash, features, data_as_of, computed_at, subject_type, payment_index,"
          + " payment_index_invoices, payment_index_dbt, deductions, disputed_records,"
          + " penalty_domains, inquiry_id, inquiry_kind, event_id, topic, message_key, event_type, payload,"
          + " created_at)),"
          + " d as (insert into disclosure (id, lender_id, subject_id, purpose, consent_id,"
          + " outcome, score, band, no_score_reason, reason_codes, scale_min, scale_max, model_id,"
          + " model_version, snapshot_hash, features, data_as_of, computed_at, subject_type,"
          + " payment_index, payment_index_invoices, payment_index_dbt, deductions,"
          + " disputed_records, penalty_domains)"
          + " select id, lender_id, subject_id, purpose, consent_id, outcome, score, band,"
          + " no_score_reason, reason_codes, scale_min, scale_max, model_id, model_version,"
          + " snapshot_hash, features, data_as_of, computed_at, subject_type, payment_index,"
          + " payment_index_invoices, payment_index_dbt, deductions, disputed_records,"
          + " penalty_domains from src),"
          + " i as (insert into inquiry (id, subject_id, lender_id, purpose, kind, disclosure_id,"
          + " inquired_at) select inquiry_id, subject_id, lender_id, purpose, inquiry_kind, id,"
          + " computed_at from src)"
          + " insert into outbox_event (id, topic, message_key, type, payload, created_at)"
          + " select event_id, topic, message_key, event_type, payload, created_at from src";
}
