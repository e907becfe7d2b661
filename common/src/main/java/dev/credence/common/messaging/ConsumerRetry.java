package dev.credence.common.messaging;

import dev.credence.common.events.PoisonEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
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
                consumer, Failures.describe(failure), attempt, backoff.toMillis());
          });
    } finally {
      waitingSince.remove(consumer); // applied, or given up to the channel's failure strategy
    }
  }

  /**
   * Holds {@code consumer} on an event it may not skip and cannot apply: a consent event in a
   * version it does not know (consent-service upgraded first), with a payload it cannot read, or
   * whose application fails for a reason that is not transient. Skipping it, to the dead-letter
   * topic, would let the heartbeats behind it vouch for a consent state that lacks it: a revocation
   * could be lost while scores went on being released. Held, the event's offset is never committed
   * and no later marker is applied, so the consent state goes stale and the service fails closed
   * (scoring answers 503 {@code consent-state-unavailable}; ingestion rejects consent-bound
   * records), exactly as when the database is away; {@link #waiting} counts the time. It is logged
   * at ERROR once, with where the event is ({@code where}: topic, partition, offset; never its
   * content), and counted in {@code credence.consumer.held{consumer}}. A restart reads the same
   * event again; a version that can read it applies it and goes on. Returns only by throwing, when
   * the service stops or the thread is interrupted.
   */
  public void holdUnapplied(String consumer, String where, RuntimeException cause) {
    waitingSince.putIfAbsent(consumer, System.nanoTime());
    meters.counter("credence.consumer.held", "consumer", consumer).increment();
    LOG.errorf(
        "%s: cannot apply the event at %s (%s) and may not skip it; holding here, failing closed,"
            + " until a version that reads it is deployed or an operator moves the offset past it"
            + " (docs/kubernetes.md, \"A consent event that cannot be applied\")",
        consumer,
        where,
        // a poison event's reason is ours; any other message may quote a row
        cause instanceof PoisonEventException ? cause.getMessage() : Failures.describe(cause));
    try {
      while (!stopping) {
        Thread.sleep(HOLD_CHECK.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      waitingSince.remove(consumer);
    }
    throw new IllegalStateException(
        consumer + " stopped while holding an event it cannot apply at " + where, cause);
  }

  private static final Duration HOLD_CHECK = Duration.ofMillis(200);
  private volatile boolean stopping;

  void stop(@Observes ShutdownEvent ignored) {
    stopping = true;
  }

  /**
   * How long {@code consumer}'s current event has been waiting for the database; zero when it is
   * not waiting. (A consumer's channel delivers one event or batch at a time.)
   */
  public Duration waiting(String consumer) {
    Long since = waitingSince.get(consumer);
    return since == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
  }
}
