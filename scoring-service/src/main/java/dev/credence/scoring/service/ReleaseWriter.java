package dev.credence.scoring.service;

import dev.credence.common.identity.Ids;
import dev.credence.common.messaging.TransientFailures;
import dev.credence.common.outbox.Outbox;
import dev.credence.common.outbox.OutboxRelay;
import dev.credence.common.problem.ProblemException;
import dev.credence.scoring.config.ScoringConfig;
import dev.credence.scoring.model.Disclosure;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Writes what released scores leave behind — each disclosure, its inquiry and its {@code
 * disclosure.recorded} outbox row — and commits them <em>together with other requests'
 * releases</em> (group commit), through the reactive client so that no thread waits for it.
 *
 * <p>A request hands its release to {@link #submit}. When fewer than {@code
 * credence.scoring.release.writers} (2) inserts are in flight, the caller's thread sends every
 * release waiting at that moment as one statement, and returns; otherwise the release waits, and
 * when an insert's answer comes back (on the event loop) the next insert takes everything that
 * waited. So under load one statement and one commit carry many releases, and a lone request is
 * written at once (no timer, no added wait). A request is answered only after its own rows are
 * durable: its stage completes when PostgreSQL has answered the statement that holds them.
 *
 * <p>The grouping policy is {@link Grouping}, shared with the score path's reads ({@link
 * GroupedReads}).
 *
 * <p>Before 2026-11-30 two writer threads did this over JDBC: each release crossed from the worker
 * to a writer thread and each answer from the writer back to the event loop, and on this kind of
 * machine a thread wake-up costs more than the insert (docs/benchmarks.md).
 *
 * <p>When PostgreSQL rejects a batch's statement, each of its releases is retried in its own
 * statement, so one bad release cannot fail the others; a release that still fails is reported to
 * its own request only (500; nothing of it is stored). When the statement's answer is lost instead
 * (a timeout, a cut connection, any failure {@link TransientFailures} calls transient), the
 * statement may have committed: nothing is retried, and each request is answered 500 {@code
 * release-outcome-unknown} with its disclosure id, never "try again".
 *
 * <p>A release that spends a use of a limited consent is not written here: the claim and the
 * disclosure must commit or roll back together, so it goes through {@link #insert} inside that
 * request's own JDBC transaction (see {@link ScoringService}).
 */
@ApplicationScoped
public class ReleaseWriter {
  private static final Logger LOG = Logger.getLogger(ReleaseWriter.class);

  /** One release: the disclosure, the kind of its inquiry, its outbox row. */
  public record Release(Disclosure disclosure, String inquiryKind, Outbox.Row event) {}

  record Pending(Release release, CompletableFuture<Void> committed) {}

  @Inject Pool pool;
  @Inject OutboxRelay relay;
  @Inject MeterRegistry meters;

  @Inject ScoringConfig config;

  // credence.scoring.release.* (ScoringConfig.Release), read once the bean is built
  private int maxBatch;
  private Duration commitTimeout;
  private int writerCount;

  @PostConstruct
  void configure() {
    maxBatch = config.release().maxBatch();
    commitTimeout = config.release().commitTimeout();
    writerCount = config.release().writers();
  }

  private static final int QUEUE_CAPACITY = 10_000;
  private Grouping<Pending> grouping;
  private volatile boolean running;
  private DistributionSummary batchSizes;

  void start(@Observes StartupEvent ignored) {
    batchSizes =
        DistributionSummary.builder("credence.scoring.release.batch")
            .description("Releases committed per group-commit statement")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
    if (writerCount < 1) {
      throw new IllegalArgumentException("credence.scoring.release.writers must be at least 1");
    }
    grouping = new Grouping<>(writerCount, maxBatch, QUEUE_CAPACITY, this::send);
    running = true; // after the grouping: submit reads this flag first
  }

  /** Takes no new release, and waits (up to the commit timeout) for those already taken. */
  void stop(@Observes ShutdownEvent ignored) {
    running = false;
    long deadline = System.nanoTime() + commitTimeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (grouping == null || grouping.idle()) {
        return;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    LOG.warn("Stopping with releases not yet committed; their requests fail");
  }

  /**
   * Commits the release (with whatever other releases are waiting) and returns once it is durable.
   * Blocks: not for the event loop.
   *
   * @throws IllegalStateException when the release could not be committed; nothing of it is stored
   */
  public void commit(Release release) {
    try {
      submit(release).get(commitTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
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
   * release is durable, or fails with a {@link SQLException} (rejected: nothing of it stored) or a
   * {@link ProblemException} {@code release-outcome-unknown} (the statement's answer was lost or
   * did not come within {@code credence.scoring.release.commit-timeout}: it may still commit; the
   * lender then finds the disclosure with {@code GET /v1/disclosures/{id}}). It completes on an
   * event loop, so what depends on it must be quick or move elsewhere.
   */
  public CompletableFuture<Void> submit(Release release) {
    if (!running) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("The release writer is not running"));
    }
    Pending pending = new Pending(release, new CompletableFuture<>());
    if (!grouping.submit(pending)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("The release queue is full (" + QUEUE_CAPACITY + ")"));
    }
    return pending.committed();
  }

  /** Writes a batch; when it is done, the next insert takes whatever waited meanwhile. */
  private void send(List<Pending> batch) {
    writeAsync(batch)
        .subscribe()
        .with(done -> grouping.answered(), failure -> sent(batch, failure));
  }

  /** The writer must outlive anything one batch throws: its releases fail, the next one goes. */
  private void sent(List<Pending> batch, Throwable failure) {
    LOG.errorf("The release writer failed on a batch: %s", failure.getClass().getSimpleName());
    batch.forEach(p -> p.committed().completeExceptionally(failure));
    grouping.answered();
  }

  /**
   * Commits a batch and completes each pending release; the Uni never fails (each release's failure
   * goes to its own stage). Split so that a batch with one bad release commits the others.
   */
  private Uni<Void> writeAsync(List<Pending> batch) {
    return Uni.createFrom()
        .deferred(() -> insert(batch.stream().map(Pending::release).toList()))
        .onItemOrFailure()
        .transformToUni(
            (ok, failure) -> {
              if (failure == null) {
                batchSizes.record(batch.size());
                batch.forEach(p -> p.committed().complete(null));
                relay.wakeUp();
                return Uni.createFrom().voidItem();
              }
              SQLException e = ReactiveSql.failure(failure);
              if (TransientFailures.isTransient(e)) {
                // the statement may have committed: answered but lost, or still running. Writing
                // the releases again, together or one by one, could not tell a lender which
                LOG.warnf(
                    "%d releases' outcome is unknown: %s (SQLSTATE %s)",
                    batch.size(), failure.getClass().getSimpleName(), e.getSQLState());
                batch.forEach(p -> p.committed().completeExceptionally(outcomeUnknown(p)));
                return Uni.createFrom().voidItem();
              }
              if (batch.size() == 1) {
                LOG.warnf(
                    "A release could not be committed: %s (SQLSTATE %s)",
                    failure.getClass().getSimpleName(), e.getSQLState());
                batch.get(0).committed().completeExceptionally(e);
                return Uni.createFrom().voidItem();
              }
              LOG.warnf(
                  "A batch of %d releases failed (%s); committing each on its own",
                  batch.size(), failure.getClass().getSimpleName());
              return Uni.join()
                  .all(batch.stream().map(p -> writeAsync(List.of(p))).toList())
                  .andCollectFailures()
                  .replaceWithVoid();
            });
  }

  /**
   * The answer to a release whose statement PostgreSQL may have committed: the lender is told its
   * disclosure id, to look it up ({@code GET /v1/disclosures/{id}}) before asking again, since a
   * second request would record a second disclosure and, for a credit application, a second hard
   * inquiry.
   */
  private static ProblemException outcomeUnknown(Pending pending) {
    String disclosureId = pending.release().disclosure().id.toString();
    return new ProblemException(
        ScoringProblems.RELEASE_OUTCOME_UNKNOWN,
        "The score's disclosure "
            + disclosureId
            + " was sent to the database but its commit was not confirmed, so it may or may not be"
            + " recorded. Look it up with GET /v1/disclosures/"
            + disclosureId
            + " before asking again: a 404 means it was not recorded.",
        Map.of("disclosureId", disclosureId));
  }

  /** Commits a batch and completes each pending release (package-private for its test). */
  void write(List<Pending> batch) {
    writeAsync(batch).await().atMost(commitTimeout.plusSeconds(1));
  }

  /**
   * One statement in autocommit: PostgreSQL runs a single statement as its own transaction, so the
   * three data-modifying CTEs of {@link #INSERT_SQL} store every row of the batch or none, and the
   * commit (WAL flushed, {@code synchronous_commit} on) happens before the statement's answer comes
   * back: one round trip.
   */
  private Uni<Void> insert(List<Release> releases) {
    Tuple parameters = Tuple.tuple();
    for (Function<Release, Object> f : COLUMNS) {
      parameters.addValue(column(releases, f));
    }
    return pool.preparedQuery(INSERT_SQL_NUMBERED)
        .execute(parameters)
        .ifNoItem()
        .after(commitTimeout)
        .failWith(
            () ->
                new SQLException(
                    "The release statement was not answered within " + commitTimeout, "57014"))
        .replaceWithVoid();
  }

  private static String[] column(List<Release> releases, Function<Release, Object> f) {
    String[] values = new String[releases.size()];
    for (int i = 0; i < values.length; i++) {
      Object v = f.apply(releases.get(i));
      values[i] = v == null ? null : v.toString();
    }
    return values;
  }

  /**
   * Inserts the releases with one statement on {@code connection}, in whatever transaction it is in
   * (the caller commits): the JDBC twin of the group commit, for a release that must commit with
   * its consent's usage claim. {@link #INSERT_SQL} is the only SQL that writes disclosures,
   * inquiries and their events.
   */
  public static void insert(Connection connection, List<Release> releases) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT_SQL)) {
      int i = 0;
      for (Function<Release, Object> f : COLUMNS) {
        statement.setArray(++i, connection.createArrayOf("text", column(releases, f)));
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
   * it. Every column is bound as text[] and cast here, so JDBC and the reactive client bind the
   * same arrays. The inquiry repeats its disclosure's who, whom and when; the foreign key from
   * inquiry to disclosure is checked at the end of the statement, when both are there. Written
   * tersely ({@code ::} casts, no spaces in the long column lists) so that, numbered, it stays
   * under the reactive client's 2,048 characters for a cached prepared statement ({@link
   * ReactiveSql#numbered} refuses it otherwise): at 2,487 characters it was parsed and planned
   * again for every insert.
   */
  static final String INSERT_SQL =
      "with src as materialized (select * from unnest("
          + "?::text[]::uuid[],"
          + "?::text[],"
          + "?::text[],"
          + "?::text[],"
          + "?::text[]::uuid[],"
          + "?::text[],"
          + "?::text[]::int[],"
          + "?::text[],"
          + "?::text[],"
          + "?::text[]::jsonb[],"
          + "?::text[]::int[],"
          + "?::text[]::int[],"
          + "?::text[],"
          + "?::text[],"
          + "?::text[],"
          + "?::text[]::jsonb[],"
          + "?::text[]::date[],"
          + "?::text[]::timestamptz[],"
          + "?::text[],"
          + "?::text[]::int[],"
          + "?::text[]::int[],"
          + "?::text[]::numeric[],"
          + "?::text[]::jsonb[],"
          + "?::text[]::int[],"
          + "?::text[]::jsonb[],"
          + "?::text[]::uuid[],"
          + "?::text[],"
          + "?::text[]::uuid[],"
          + "?::text[],"
          + "?::text[],"
          + "?::text[],"
          + "?::text[]::jsonb[],"
          + "?::text[]::timestamptz[])"
          + " as s(id,lender_id,subject_id,purpose,consent_id,outcome,score,band,"
          + " no_score_reason,reason_codes,scale_min,scale_max,model_id,model_version,"
          + " snapshot_hash,features,data_as_of,computed_at,subject_type,payment_index,"
          + " payment_index_invoices,payment_index_dbt,deductions,disputed_records,"
          + " penalty_domains,inquiry_id,inquiry_kind,event_id,topic,message_key,event_type,payload,"
          + " created_at)),"
          + " d as (insert into disclosure (id,lender_id,subject_id,purpose,consent_id,"
          + " outcome,score,band,no_score_reason,reason_codes,scale_min,scale_max,model_id,"
          + " model_version,snapshot_hash,features,data_as_of,computed_at,subject_type,"
          + " payment_index,payment_index_invoices,payment_index_dbt,deductions,"
          + " disputed_records,penalty_domains)"
          + " select id,lender_id,subject_id,purpose,consent_id,outcome,score,band,"
          + " no_score_reason,reason_codes,scale_min,scale_max,model_id,model_version,"
          + " snapshot_hash,features,data_as_of,computed_at,subject_type,payment_index,"
          + " payment_index_invoices,payment_index_dbt,deductions,disputed_records,"
          + " penalty_domains from src),"
          + " i as (insert into inquiry (id, subject_id, lender_id, purpose, kind, disclosure_id,"
          + " inquired_at) select inquiry_id, subject_id, lender_id, purpose, inquiry_kind, id,"
          + " computed_at from src)"
          + " insert into outbox_event (id, topic, message_key, type, payload, created_at)"
          + " select event_id, topic, message_key, event_type, payload, created_at from src";

  private static final String INSERT_SQL_NUMBERED = ReactiveSql.numbered(INSERT_SQL);
}
