package dev.credence.common.messaging;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs a consumer's work until it succeeds or fails for a reason that is not transient ({@link
 * TransientFailures}), waiting between attempts with a doubling, capped backoff. There is no
 * attempt limit: skipping an event because the database was down for longer than some budget would
 * lose a consent change or a record (the brief's "nothing lost"), so the partition waits instead.
 * If the outage outlasts the Kafka connector's unprocessed-record age, the channel reports itself
 * unhealthy and the orchestrator restarts the pod, which resumes from the last committed offset.
 */
public final class RetryInPlace {
  /** Waits between attempts (a test passes one that does not sleep). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Told of every transient failure before the wait. */
  @FunctionalInterface
  public interface Listener {
    void retrying(int attempt, Duration backoff, RuntimeException failure);
  }

  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Sleeper sleeper;

  public RetryInPlace(Duration firstBackoff, Duration maxBackoff, Sleeper sleeper) {
    if (firstBackoff.isNegative() || firstBackoff.isZero()) {
      throw new IllegalArgumentException("firstBackoff must be positive");
    }
    if (maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must not be below firstBackoff");
    }
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.sleeper = Objects.requireNonNull(sleeper);
  }

  /**
   * Returns what {@code work} returns once it succeeds. A non-transient failure is rethrown at
   * once. If the thread is interrupted while waiting (the service is stopping), the last transient
   * failure is rethrown with the interruption suppressed and the interrupt flag set again.
   */
  public <T> T run(Supplier<T> work, Listener listener) {
    Duration backoff = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException failure) {
        if (!TransientFailures.isTransient(failure)) {
          throw failure;
        }
        listener.retrying(attempt, backoff, failure);
        try {
          sleeper.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          failure.addSuppressed(interrupted);
          throw failure;
        }
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
      }
    }
  }
}
