package dev.credence.common.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * How fresh the consent projection is, from the latest heartbeat applied per partition of the
 * consent topic: the oldest of them, over every partition the topic has (the largest count any
 * marker announced). A partition with no marker at all leaves the state unknown, which counts as
 * stale: scores are released only while every partition has proven recently that its changes are
 * applied.
 */
public final class ConsentFreshness {

  /** One partition's latest applied marker. */
  public record Mark(int partition, int partitions, Instant heartbeatAt) {}

  /**
   * The freshness the marks prove.
   *
   * @param watermark every consent change written before it has been applied (null: unknown)
   * @param partitions how many partitions were expected
   * @param missing how many of them have no marker yet
   */
  public record State(Instant watermark, int partitions, int missing) {
    public static final State UNKNOWN = new State(null, 0, 0);

    /** How far behind {@code now} the projection is proven to be; null when unknown. */
    public Duration lag(Instant now) {
      return watermark == null ? null : Duration.between(watermark, now);
    }

    /** Whether a score may be released at {@code now} with this state and limit. */
    public boolean freshAt(Instant now, Duration limit) {
      Duration lag = lag(now);
      return lag != null && lag.compareTo(limit) <= 0;
    }
  }

  private ConsentFreshness() {}

  public static State of(Collection<Mark> marks) {
    int partitions = marks.stream().mapToInt(Mark::partitions).max().orElse(0);
    if (partitions == 0) {
      return State.UNKNOWN;
    }
    Map<Integer, Instant> latest = new HashMap<>();
    for (Mark m : marks) {
      if (m.partition() >= 0 && m.partition() < partitions && m.heartbeatAt() != null) {
        latest.merge(m.partition(), m.heartbeatAt(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    int missing = partitions - latest.size();
    if (missing > 0) {
      return new State(null, partitions, missing);
    }
    Instant oldest = latest.values().stream().min(Instant::compareTo).orElseThrow();
    return new State(oldest, partitions, 0);
  }
}
