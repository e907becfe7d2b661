package dev.credence.scoring.service;

import dev.credence.scoring.config.ScoringConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the subject behind an identifier hash, from memory when it was found recently. Only found
 * subjects are cached (a new registration is visible at once); an erasure evicts the subject after
 * its transaction commits. Staleness is safe: a subject erased on another instance's consumer is
 * still resolved here for up to the TTL, but its consents were deleted with it, so the consent gate
 * refuses and nothing is disclosed. Consents themselves are never cached.
 */
@ApplicationScoped
public class SubjectDirectory {
  /** A subject as the score path needs it. */
  public record Entry(String subjectId, boolean organisation) {}

  private record Cached(Entry entry, long expiresAtNanos) {}

  @Inject ScoringConfig config;
  @Inject TransactionSynchronizationRegistry transactions;

  private final Map<String, Cached> byHash = new ConcurrentHashMap<>();

  /**
   * The subject with this identifier hash, if one is enrolled: from memory when held, else one read
   * through the reactive client (the score path runs on the event loop). Fails with a {@link
   * java.sql.SQLException} when the database does.
   */
  public Uni<Optional<Entry>> lookup(Pool pool, String identifierType, String hash) {
    String key = identifierType + ':' + hash;
    Optional<Entry> cached = cached(key);
    if (cached.isPresent()) {
      return Uni.createFrom().item(cached);
    }
    return pool.preparedQuery(FIND_SQL_NUMBERED)
        .execute(Tuple.of(identifierType, hash))
        .map(
            rows -> {
              var found = rows.iterator();
              if (!found.hasNext()) {
                return remember(key, null);
              }
              Row row = found.next();
              return remember(
                  key, new Entry(row.getString(0), "ORGANISATION".equals(row.getString(1))));
            })
        .onFailure()
        .transform(ReactiveSql::failure);
  }

  private Optional<Entry> cached(String key) {
    Cached cached = byHash.get(key);
    if (cached != null && System.nanoTime() - cached.expiresAtNanos() < 0) {
      return Optional.of(cached.entry());
    }
    return Optional.empty();
  }

  /**
   * Caches a found subject (an unknown identifier is not cached: a new enrolment shows at once).
   */
  private Optional<Entry> remember(String key, Entry entry) {
    if (entry == null) {
      byHash.remove(key);
      return Optional.empty();
    }
    if (byHash.size() >= config.subjectCacheSize()) {
      byHash.clear();
    }
    byHash.put(key, new Cached(entry, System.nanoTime() + config.subjectCacheTtl().toNanos()));
    return Optional.of(entry);
  }

  // outside any transaction; needs no CDI request context
  private static final String FIND_SQL =
      "select i.subject_id, s.subject_type from subject_identifier_view i"
          + " left join subject_view s on s.subject_id = i.subject_id"
          + " where i.identifier_type = ? and i.identifier_hash = ?";

  private static final String FIND_SQL_NUMBERED = ReactiveSql.numbered(FIND_SQL);

  /** Evicts the subject now and again when the current transaction has completed. */
  public void forget(String subjectId) {
    evict(subjectId);
    if (transactions.getTransactionKey() != null) {
      transactions.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
              if (status == Status.STATUS_COMMITTED) {
                evict(subjectId);
              }
            }
          });
    }
  }

  /** How many mappings are held (for tests). */
  public int size() {
    return byHash.size();
  }

  private void evict(String subjectId) {
    byHash.values().removeIf(c -> c.entry().subjectId().equals(subjectId));
  }
}
