package dev.credence.bench.floor;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * scoring's group commit ({@code ReleaseWriter}) reduced to its policy: at most two inserts in
 * flight; a row that arrives when fewer are in flight is sent at once with every row waiting; each
 * insert is one {@code unnest} statement in autocommit, answered once its commit is durable.
 */
@ApplicationScoped
public class GroupCommit {

  public record Row(
      UUID id,
      String lender,
      String subject,
      String purpose,
      int score,
      String reasons,
      String features,
      String hash,
      Instant computedAt) {}

  private record Pending(Row row, CompletableFuture<Void> done) {}

  private static final String SQL =
      "insert into floor_disclosure (id, lender_id, subject_id, purpose, score, reason_codes,"
          + " features, snapshot_hash, computed_at) select * from unnest($1::uuid[], $2::text[],"
          + " $3::text[], $4::text[], $5::int[], $6::text[]::jsonb[], $7::text[]::jsonb[],"
          + " $8::text[], $9::text[]::timestamptz[])";

  @Inject Pool pool;

  private final Grouping<Pending> grouping =
      new Grouping<>(Integer.getInteger("floor.writers", 2), this::send); // 2: as scoring's default

  public CompletableFuture<Void> submit(Row row) {
    Pending pending = new Pending(row, new CompletableFuture<>());
    grouping.submit(pending);
    return pending.done();
  }

  private void send(List<Pending> batch) {
    int n = batch.size();
    UUID[] ids = new UUID[n];
    String[] lenders = new String[n];
    String[] subjects = new String[n];
    String[] purposes = new String[n];
    Integer[] scores = new Integer[n];
    String[] reasons = new String[n];
    String[] features = new String[n];
    String[] hashes = new String[n];
    String[] at = new String[n];
    for (int i = 0; i < n; i++) {
      Row r = batch.get(i).row();
      ids[i] = r.id();
      lenders[i] = r.lender();
      subjects[i] = r.subject();
      purposes[i] = r.purpose();
      scores[i] = r.score();
      reasons[i] = r.reasons();
      features[i] = r.features();
      hashes[i] = r.hash();
      at[i] = r.computedAt().toString();
    }
    Tuple parameters = Tuple.tuple();
    parameters.addValue(ids);
    parameters.addValue(lenders);
    parameters.addValue(subjects);
    parameters.addValue(purposes);
    parameters.addValue(scores);
    parameters.addValue(reasons);
    parameters.addValue(features);
    parameters.addValue(hashes);
    parameters.addValue(at);
    pool.preparedQuery(SQL)
        .execute(parameters)
        .subscribe()
        .with(
            ok -> {
              batch.forEach(p -> p.done().complete(null));
              grouping.answered();
            },
            failure -> {
              batch.forEach(p -> p.done().completeExceptionally(failure));
              grouping.answered();
            });
  }
}
