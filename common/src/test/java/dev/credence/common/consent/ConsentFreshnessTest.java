package dev.credence.common.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.consent.ConsentFreshness.Mark;
import dev.credence.common.consent.ConsentFreshness.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentFreshnessTest {
  static final Instant T = Instant.parse("2026-11-29T12:00:00Z");
  static final Duration LIMIT = Duration.ofSeconds(1);

  @Test
  void noMarkIsUnknownAndNeverFresh() {
    State state = ConsentFreshness.of(List.of());
    assertNull(state.watermark());
    assertNull(state.lag(T));
    assertFalse(state.freshAt(T, LIMIT));
  }

  @Test
  void aPartitionWithoutAMarkLeavesTheStateUnknown() {
    State state = ConsentFreshness.of(List.of(new Mark(0, 3, T), new Mark(2, 3, T)));
    assertNull(state.watermark());
    assertEquals(3, state.partitions());
    assertEquals(1, state.missing());
    assertFalse(state.freshAt(T, LIMIT));
  }

  @Test
  void theOldestPartitionDecides() {
    State state =
        ConsentFreshness.of(
            List.of(
                new Mark(0, 3, T.minusMillis(100)),
                new Mark(1, 3, T.minusMillis(1500)),
                new Mark(2, 3, T.minusMillis(10))));
    assertEquals(T.minusMillis(1500), state.watermark());
    assertEquals(Duration.ofMillis(1500), state.lag(T));
    assertFalse(state.freshAt(T, LIMIT), "one partition 1.5 s behind holds every score");
    assertTrue(state.freshAt(T.minusMillis(500), LIMIT));
  }

  @Test
  void theLimitIsInclusive() {
    State state = ConsentFreshness.of(List.of(new Mark(0, 1, T)));
    assertTrue(state.freshAt(T.plus(LIMIT), LIMIT));
    assertFalse(state.freshAt(T.plus(LIMIT).plusNanos(1000), LIMIT));
  }

  @Test
  void theLargestPartitionCountIsExpected() {
    // the topic grew from 2 to 4 partitions: the new ones must report before anything is fresh
    State grown =
        ConsentFreshness.of(List.of(new Mark(0, 2, T), new Mark(1, 2, T), new Mark(2, 4, T)));
    assertEquals(4, grown.partitions());
    assertEquals(1, grown.missing());
    assertFalse(grown.freshAt(T, LIMIT));
  }

  @Test
  void marksOutsideTheTopicAreIgnored() {
    State state =
        ConsentFreshness.of(
            List.of(new Mark(0, 2, T), new Mark(1, 2, T), new Mark(5, 2, T.minusSeconds(60))));
    assertEquals(T, state.watermark());
    assertTrue(state.freshAt(T, LIMIT));
  }
}
