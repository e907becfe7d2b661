package dev.credence.ingestion.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChunkBudgetTest {
  /** How many records of these lengths go into each chunk, until the lines run out. */
  static int[] chunks(ChunkBudget budget, int... lineChars) {
    java.util.List<Integer> sizes = new java.util.ArrayList<>();
    int inChunk = 0;
    for (int chars : lineChars) {
      inChunk++;
      if (budget.add(chars)) {
        sizes.add(inChunk);
        inChunk = 0;
        budget.reset();
      }
    }
    if (inChunk > 0) {
      sizes.add(inChunk);
    }
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void shortLinesFillAChunkByCount() {
    int[] lines = new int[7];
    java.util.Arrays.fill(lines, 300);
    assertEquals(
        java.util.List.of(3, 3, 1),
        java.util.Arrays.stream(chunks(new ChunkBudget(3, 1_000_000), lines)).boxed().toList());
  }

  @Test
  void longLinesCloseAChunkEarlyByCharacters() {
    // 4 MiB of 64 KiB lines is 64 lines, not 2,000
    int[] lines = new int[130];
    java.util.Arrays.fill(lines, 65_536);
    assertEquals(
        java.util.List.of(64, 64, 2),
        java.util.Arrays.stream(chunks(new ChunkBudget(2000, 4L << 20), lines)).boxed().toList());
  }

  @Test
  void aSingleLineOverTheBudgetIsAChunkOfItsOwn() {
    ChunkBudget budget = new ChunkBudget(2000, 100);
    assertTrue(budget.add(500));
    budget.reset();
    assertFalse(budget.add(10));
  }

  @Test
  void anEmptyBudgetIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ChunkBudget(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new ChunkBudget(10, 0));
  }
}
