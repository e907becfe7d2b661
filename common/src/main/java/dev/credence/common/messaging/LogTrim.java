package dev.credence.common.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * When the events about an erased subject may be cut from the front of their Kafka partition.
 *
 * <p>An erasure leaves copies of the subject's events on the topic (the log is append-only: one
 * message cannot be removed). What Kafka can do is move a partition's <em>log start offset</em>:
 * every message before it is gone for every client at once. That also takes every other subject's
 * messages before that offset, so it is safe only once every reader of the topic has read past
 * them: then no reader needs them any more. This class decides, for one partition, whether that
 * moment has come. No framework type: the Kafka calls are {@link LogTrimmer}'s.
 *
 * @see LogTrimmer
 */
public final class LogTrim {
  private LogTrim() {}

  /** What to do with one partition now. */
  public sealed interface Decision {}

  /** The log already starts at or after the target: nothing left to cut. */
  public record Done() implements Decision {}

  /** Every reader has read past the target: cut the partition up to it (exclusive). */
  public record Cut(long upTo) implements Decision {}

  /**
   * Some reader has not read up to the target (or has never committed on this partition): cutting
   * now would take messages it still has to read. Names the readers that hold the cut back.
   */
  public record Wait(List<String> behind) implements Decision {
    public Wait {
      behind = List.copyOf(behind);
    }
  }

  /**
   * Decides for one partition.
   *
   * @param target the offset the partition must start at (exclusive end of what goes): the
   *     partition's end offset once the subject's last event was on it
   * @param logStart the partition's current log start offset
   * @param committed each reader's committed offset on this partition (the next offset it will
   *     read); empty when it has none. Every reader named must have read past {@code target}.
   */
  public static Decision decide(long target, long logStart, Map<String, OptionalLong> committed) {
    if (target < 0 || logStart < 0) {
      throw new IllegalArgumentException("offsets are never negative");
    }
    if (committed.isEmpty()) {
      throw new IllegalArgumentException(
          "no reader named: a cut with no reader to wait for could take unread messages");
    }
    if (logStart >= target) {
      return new Done();
    }
    List<String> behind = new ArrayList<>();
    for (Map.Entry<String, OptionalLong> e : new TreeMap<>(committed).entrySet()) {
      OptionalLong offset = Objects.requireNonNull(e.getValue(), e.getKey());
      if (offset.isEmpty() || offset.getAsLong() < target) {
        behind.add(e.getKey());
      }
    }
    return behind.isEmpty() ? new Cut(target) : new Wait(behind);
  }
}
