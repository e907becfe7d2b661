package dev.credence.scoring.service;

import dev.credence.scoring.config.ScoringConfig;
import dev.credence.scoring.model.ConsentView;
import dev.credence.scoring.service.SubjectFileService.Gathered;
import dev.credence.scoring.service.SubjectFileService.InquiryWindow;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The score path's reads, grouped across requests the way {@link ReleaseWriter} groups releases: at
 * most {@code credence.scoring.read.readers} (two) reads are in flight; a request that arrives when
 * fewer are in flight is sent at once, from the thread that submits it, <b>together with every
 * request waiting at that moment</b>; otherwise it waits, and when a read's answer comes back the
 * next read takes everything that waited. A lone request is read at once (there is no timer). The
 * policy is {@link Grouping}, shared with the group commit.
 *
 * <p>Each read is two statements pipelined on one pooled connection, outside any transaction, as
 * for a single request ({@link SubjectFileService#gather}): every request's usable consents ({@link
 * #CONSENTS_SQL}) and every request's file ({@link #FILES_SQL}), each row tagged with the position
 * of the request it answers. Each request keeps its own time, lender, purpose and subject type, so
 * it gets exactly the rows it would have got alone: the same conditions, per request, probed
 * through the same indexes ({@code offset 0} keeps each request's lookup a lookup, whatever the
 * planner thinks of the batch's size).
 *
 * <p>Why: one PostgreSQL round trip per request held even an endpoint that does nothing else to a
 * fraction of a bare one on these machines, and batching the same read across the requests waiting
 * for it made 2.2 to 2.6 times as many reads a second (docs/benchmarks.md, "The floor of any
 * design"). Waiting for a read already in flight only makes the state a request is decided on
 * newer: the consent-state guard has already admitted it, and its read, sent after it arrived, sees
 * everything committed before it arrived and whatever was committed while it waited.
 *
 * <p>A failed read fails every request it carried (a read writes nothing, so each may be asked
 * again); the failure is a {@link java.sql.SQLException} classified as for a single read ({@link
 * ReactiveSql#failure}).
 */
@ApplicationScoped
public class GroupedReads {

  record Pending(
      String subjectId,
      String lenderId,
      String purpose,
      boolean organisation,
      Instant now,
      CompletableFuture<Gathered> gathered) {}

  @Inject Pool pool;
  @Inject MeterRegistry meters;

  @Inject ScoringConfig config;

  private static final int QUEUE_CAPACITY = 10_000;
  private volatile Grouping<Pending> grouping;
  private DistributionSummary batchSizes;

  void start(@Observes StartupEvent ignored) {
    grouping =
        new Grouping<>(
            config.read().readers(), config.read().maxBatch(), QUEUE_CAPACITY, this::send);
    batchSizes =
        DistributionSummary.builder("credence.scoring.read.batch")
            .description("Score requests read per grouped read (two pipelined statements)")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
  }

  /**
   * The lender's usable consents for this purpose and the subject's whole file (every record of the
   * subject type's categories and, for a person, the capped hard-inquiry count), read with whatever
   * other requests wait. Completes on an event loop.
   */
  public Uni<Gathered> gather(
      String subjectId, String lenderId, String purpose, boolean organisation, Instant now) {
    return Uni.createFrom()
        .completionStage(
            () -> {
              Pending pending =
                  new Pending(
                      subjectId, lenderId, purpose, organisation, now, new CompletableFuture<>());
              if (!grouping.submit(pending)) {
                throw new IllegalStateException(
                    "The score read queue is full (" + QUEUE_CAPACITY + ")");
              }
              return pending.gathered();
            });
  }

  private void send(List<Pending> batch) {
    Uni<List<Gathered>> read;
    try {
      read = read(batch);
    } catch (RuntimeException e) {
      read = Uni.createFrom().failure(e);
    }
    read.subscribe()
        .with(
            gathered -> {
              if (batchSizes != null) {
                batchSizes.record(batch.size());
              }
              // the next read goes out before this one's requests are scored on this thread
              grouping.answered();
              for (int i = 0; i < batch.size(); i++) {
                batch.get(i).gathered().complete(gathered.get(i));
              }
            },
            failure -> {
              grouping.answered();
              Throwable classified = ReactiveSql.failure(failure);
              batch.forEach(p -> p.gathered().completeExceptionally(classified));
            });
  }

  /** Both statements for the batch, pipelined on one connection; a result per request, in order. */
  Uni<List<Gathered>> read(List<Pending> batch) {
    int n = batch.size();
    String[] subjects = new String[n];
    String[] lenders = new String[n];
    String[] purposes = new String[n];
    String[] times = new String[n];
    String[] categories = new String[n];
    String[] from = new String[n];
    String[] to = new String[n];
    for (int i = 0; i < n; i++) {
      Pending p = batch.get(i);
      subjects[i] = p.subjectId();
      lenders[i] = p.lenderId();
      purposes[i] = p.purpose();
      times[i] = p.now().toString();
      categories[i] = p.organisation() ? ORGANISATION_CATEGORIES : PERSON_CATEGORIES;
      if (!p.organisation()) {
        InquiryWindow window = InquiryWindow.at(p.now());
        from[i] = window.from().toString();
        to[i] = window.to().toString();
      }
    }
    Tuple consentParameters = Tuple.of(subjects, lenders, purposes, times);
    Tuple fileParameters = Tuple.of(subjects, categories, from, to);
    return pool.withConnection(
            connection ->
                Uni.combine()
                    .all()
                    .unis(
                        connection.preparedQuery(CONSENTS_SQL).execute(consentParameters),
                        connection.preparedQuery(FILES_SQL).execute(fileParameters))
                    .asTuple())
        .map(both -> split(batch, both.getItem1(), both.getItem2()));
  }

  /** Each request's rows, by the position each row is tagged with (1-based, as unnest numbers). */
  static List<Gathered> split(List<Pending> batch, RowSet<Row> consents, RowSet<Row> files) {
    int n = batch.size();
    List<List<ConsentView>> consentsOf = new ArrayList<>(n);
    List<SubjectFileService.RowsBuilder> filesOf = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      consentsOf.add(new ArrayList<>(1));
      filesOf.add(new SubjectFileService.RowsBuilder());
    }
    for (Row row : consents) {
      int i = (int) row.getLong(0).longValue() - 1;
      Pending p = batch.get(i);
      consentsOf.get(i).add(ConsentView.usable(row, 1, p.subjectId(), p.lenderId(), p.purpose()));
    }
    for (Row row : files) {
      filesOf.get((int) row.getLong(0).longValue() - 1).add(row, 1);
    }
    List<Gathered> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Gathered(consentsOf.get(i), filesOf.get(i).build()));
    }
    return out;
  }

  private static final String PERSON_CATEGORIES =
      String.join(",", SubjectFileService.names(SubjectFileService.PERSON_CATEGORIES));
  private static final String ORGANISATION_CATEGORIES =
      String.join(",", SubjectFileService.names(SubjectFileService.ORGANISATION_CATEGORIES));

  /**
   * {@link ConsentView#USABLE_SQL} for every request of the batch: its subject, lender, purpose and
   * time, each row tagged with the request's position.
   */
  static final String CONSENTS_SQL =
      ReactiveSql.numbered(
          "select q.i, c.consent_id, c.sequence, c.categories, c.starts_at, c.expires_at,"
              + " c.usage_limit, c.changed_at"
              + " from unnest(?::text[], ?::text[], ?::text[], ?::text[]::timestamptz[])"
              + " with ordinality as q(subject_id, grantee_id, purpose, at, i)"
              + " cross join lateral (select * from consent_view v where v.subject_id = q.subject_id"
              + " and v.grantee_id = q.grantee_id and v.purpose = q.purpose"
              + " and v.direction = 'DISCLOSE' and v.status = 'ACTIVE'"
              + " and v.starts_at <= q.at and v.expires_at > q.at offset 0) as c"
              + " order by q.i, c.expires_at, c.consent_id");

  /**
   * The file statement for every request of the batch: the records of its subject type's categories
   * with the open-dispute flag, and for a person (a window given) the hard-inquiry count capped as
   * {@link SubjectFileService}'s single read caps it.
   */
  static final String FILES_SQL =
      ReactiveSql.numbered(
          "with q as materialized (select * from unnest(?::text[], ?::text[],"
              + " ?::text[]::timestamptz[], ?::text[]::timestamptz[])"
              + " with ordinality as q(subject_id, categories, from_at, to_at, i))"
              + " select q.i, r.category, cast(r.data as text), r.reported_on, r.record_id,"
              + " cast(null as bigint), exists (select 1 from record_dispute d"
              + " where d.subject_id = r.subject_id and d.record_id = r.record_id"
              + " and d.status = 'OPEN')"
              + " from q cross join lateral (select * from subject_record s"
              + " where s.subject_id = q.subject_id"
              + " and s.category = any(string_to_array(q.categories, ',')) offset 0) as r"
              + " union all"
              + " select q.i, null, null, null, null, (select count(*) from (select 1 from inquiry"
              + " where subject_id = q.subject_id and kind = 'HARD' and inquired_at >= q.from_at"
              + " and inquired_at < q.to_at limit "
              + dev.credence.scoring.domain.FeatureExtractor.HARD_INQUIRY_CAP
              + ") as capped), false from q where q.from_at is not null");
}
