package dev.credence.scoring.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Bearer tokens that passed the full OIDC check (signature, issuer, audience, times), each with
 * what the check produced, until the token expires or {@code maxAge} has passed, whichever comes
 * first. Framework-free, so its rules are tested on their own.
 *
 * <p>The key is the <b>whole token string</b>, compared with {@code equals}: a token that differs
 * in any character (a forged signature, an edited claim) is a different key and is checked from
 * scratch. A token that failed the check is never added. An entry is never served at or after its
 * token's {@code exp}, the same instant the verifier starts refusing it (no clock-skew grace).
 *
 * @param <V> what the check produced (the verified identity)
 */
public final class VerifiedTokens<V> {
  private record Entry<V>(V value, long expiresAtNanos) {}

  private final Cache<String, Entry<V>> cache;
  private final LongSupplier nanos;
  private final Duration maxAge;
  private final Supplier<Instant> clock;

  /**
   * @param maxAge the longest an entry is served, however long its token lives: it bounds how long
   *     a token signed with a key the provider has since withdrawn is still accepted
   * @param maxSize most tokens held; the least used go first
   * @param clock the current time as an instant (the tokens' {@code exp} is wall-clock time)
   * @param nanos a monotonic clock for ages (System::nanoTime outside tests)
   */
  public VerifiedTokens(Duration maxAge, int maxSize, Supplier<Instant> clock, LongSupplier nanos) {
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive");
    }
    this.maxAge = maxAge;
    this.nanos = nanos;
    this.clock = clock;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maxSize)
            .ticker((Ticker) nanos::getAsLong)
            .executor(Runnable::run) // upkeep on the calling thread: no pool, bounded at once
            .expireAfter(
                new Expiry<String, Entry<V>>() {
                  @Override
                  public long expireAfterCreate(String key, Entry<V> entry, long now) {
                    return Math.max(0, entry.expiresAtNanos() - now);
                  }

                  @Override
                  public long expireAfterUpdate(
                      String key, Entry<V> entry, long now, long currentDuration) {
                    return Math.max(0, entry.expiresAtNanos() - now);
                  }

                  @Override
                  public long expireAfterRead(
                      String key, Entry<V> entry, long now, long currentDuration) {
                    return currentDuration;
                  }
                })
            .build();
  }

  /**
   * Remembers a token that has just passed the check; a token without an expiry is not remembered
   * (it would live only {@code maxAge}, but such a token should be rare enough to check each time).
   */
  public void remember(String token, Instant expiresAt, V verified) {
    if (token == null || token.isEmpty() || expiresAt == null) {
      return;
    }
    long now = nanos.getAsLong();
    long untilExpiry = Duration.between(clock.get(), expiresAt).toNanos();
    long lifetime = Math.min(untilExpiry, maxAge.toNanos());
    if (lifetime <= 0) {
      return;
    }
    cache.put(token, new Entry<>(verified, now + lifetime));
  }

  /** What the check produced for exactly this token, if it passed and has not expired since. */
  public Optional<V> find(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    Entry<V> entry = cache.getIfPresent(token);
    // Caffeine evicts lazily: the entry's own deadline decides
    if (entry == null || nanos.getAsLong() - entry.expiresAtNanos() >= 0) {
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  /** Forgets every token (the verification keys changed, say). */
  public void clear() {
    cache.invalidateAll();
  }

  /** How many tokens are held (approximate, for metrics and tests). */
  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
