package dev.credence.common.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The consumers' way through an outage: each consumer runs its transaction through {@link
 * #untilApplied}, so a database restart or a lost connection makes the event wait and try again
 * instead of going to the dead-letter topic (or stopping the channel). Every retry is counted in
 * {@code credence.consumer.retries{consumer}} and logged with the failure's class and SQLSTATE
 * only: a driver's message can quote a row, and a row can hold personal data.
 */
@ApplicationScoped
public class ConsumerRetry {
  private static final Logger LOG = Logger.getLogger(ConsumerRetry.class);

  @Inject MeterRegistry meters;

  @ConfigProperty(name = "credence.consumer.retry.first-backoff", defaultValue = "100ms")
  Duration firstBackoff;

  @ConfigProperty(name = "credence.consumer.retry.max-backoff", defaultValue = "5s")
  Duration maxBackoff;

  private RetryInPlace retry;

  /** Per consumer, since when (System.nanoTime) its current event has been waiting. */
  private final Map<String, Long> waitingSince = new ConcurrentHashMap<>();

  @PostConstruct
  void init() {
    retry = new RetryInPlace(firstBackoff, maxBackoff, d -> Thread.sleep(d.toMillis()));
  }

  /**
   * Runs {@code transaction} (which must open and commit its own transaction, so each attempt is a
   * fresh one) until it commits or fails for a reason that is not transient.
   */
  public <T> T untilApplied(String consumer, Supplier<T> transaction) {
    try {
      return retry.run(
          transaction,
          (attempt, backoff, failure) -> {
            waitingSince.putIfAbsent(consumer, System.nanoTime());
            meters.counter("credence.consumer.retries", "consumer", consumer).increment();
            LOG.warnf(
                "%s: the database is unavailable (%s), attempt %d; retrying in %d ms",
                consumer, describe(failure), attempt, backoff.toMillis());
          });
    } finally {
      waitingSince.remove(consumer); // applied, or given up to the channel's failure strategy
    }
  }

  /**
   * How long {@code consumer}'s current event has been waiting for the database; zero when it is
   * not waiting. (A consumer's channel delivers one event or batch at a time.)
   */
  public Duration waiting(String consumer) {
    Long since = waitingSince.get(consumer);
    return since == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
  }

  /** The innermost SQL failure's class and SQLSTATE, or the outer class; never a message. */
  static String describe(Throwable failure) {
    String described = failure.getClass().getSimpleName();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        described = t.getClass().getSimpleName() + " SQLSTATE " + sql.getSQLState();
      }
    }
    return described;
  }
}
