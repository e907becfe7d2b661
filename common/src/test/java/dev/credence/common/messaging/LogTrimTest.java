package dev.credence.common.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.credence.common.messaging.LogTrim.Cut;
import dev.credence.common.messaging.LogTrim.Done;
import dev.credence.common.messaging.LogTrim.Wait;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LogTrimTest {

  private static Map<String, OptionalLong> readers(Object... pairs) {
    Map<String, OptionalLong> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Long offset = (Long) pairs[i + 1];
      m.put((String) pairs[i], offset == null ? OptionalLong.empty() : OptionalLong.of(offset));
    }
    return m;
  }

  @Test
  void cutsOnceEveryReaderHasReadPastTheTarget() {
    assertEquals(new Cut(120), LogTrim.decide(120, 0, readers("scoring", 120L, "consent", 400L)));
  }

  @Test
  void waitsForEachReaderBehindAndNamesThemInOrder() {
    assertEquals(
        new Wait(List.of("a-late", "z-late")),
        LogTrim.decide(120, 0, readers("z-late", 119L, "on-time", 120L, "a-late", 3L)));
  }

  @Test
  void aReaderThatNeverCommittedHoldsTheCutBack() {
    // it would start wherever its reset policy says: from the beginning, it still needs them all
    assertEquals(
        new Wait(List.of("new-reader")),
        LogTrim.decide(10, 0, readers("scoring", 50L, "new-reader", null)));
  }

  @Test
  void doneWhenTheLogAlreadyStartsThere() {
    // retention, or an earlier erasure's cut, got there first; even a reader behind cannot matter
    assertEquals(new Done(), LogTrim.decide(120, 120, readers("scoring", 5L)));
    assertEquals(new Done(), LogTrim.decide(120, 500, readers("scoring", null)));
  }

  @Test
  void anEmptyPartitionIsDone() {
    assertEquals(new Done(), LogTrim.decide(0, 0, readers("scoring", null)));
  }

  @Test
  void refusesToCutWithNoReaderToWaitFor() {
    assertThrows(IllegalArgumentException.class, () -> LogTrim.decide(10, 0, Map.of()));
  }

  @Test
  void refusesNegativeOffsets() {
    assertThrows(
        IllegalArgumentException.class, () -> LogTrim.decide(-1, 0, readers("scoring", 1L)));
    assertThrows(
        IllegalArgumentException.class, () -> LogTrim.decide(1, -1, readers("scoring", 1L)));
  }
}
