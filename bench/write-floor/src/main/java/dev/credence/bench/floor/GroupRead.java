package dev.credence.bench.floor;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The group commit's policy applied to reads: at most two lookups in flight; a lookup that arrives
 * when fewer are in flight is sent at once with every lookup waiting, as one {@code = any($1)}
 * statement, and each waiting request gets its own row back.
 */
@ApplicationScoped
public class GroupRead {

  private record Pending(String hash, CompletableFuture<Optional<String>> done) {}

  private static final String SQL =
      "select identifier_hash, subject_id from floor_subject where identifier_hash = any($1)";

  @Inject Pool pool;

  private final Grouping<Pending> grouping =
      new Grouping<>(Integer.getInteger("floor.readers", 2), this::send); // 2: as scoring's default

  public CompletableFuture<Optional<String>> find(String hash) {
    Pending pending = new Pending(hash, new CompletableFuture<>());
    grouping.submit(pending);
    return pending.done();
  }

  private void send(List<Pending> batch) {
    String[] hashes = batch.stream().map(Pending::hash).distinct().toArray(String[]::new);
    pool.preparedQuery(SQL)
        .execute(Tuple.of(hashes))
        .subscribe()
        .with(
            rows -> {
              Map<String, String> found = new HashMap<>();
              for (Row row : rows) {
                found.put(row.getString(0), row.getString(1));
              }
              batch.forEach(p -> p.done().complete(Optional.ofNullable(found.get(p.hash()))));
              grouping.answered();
            },
            failure -> {
              batch.forEach(p -> p.done().completeExceptionally(failure));
              grouping.answered();
            });
  }
}
