package dev.credence.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StabilityTest {
  @Test
  void bandsAreStableBelowTenWatchToTwentyFiveShiftAbove() {
    assertEquals("STABLE", Stability.status(0.0));
    assertEquals("STABLE", Stability.status(0.0999));
    assertEquals("WATCH", Stability.status(0.10));
    assertEquals("WATCH", Stability.status(0.25));
    assertEquals("SHIFT", Stability.status(0.2501));
  }

  @Test
  void psiFollowsItsFormula() {
    double[] e = {0.5, 0.5};
    double[] a = {0.7, 0.3};
    double expected = (0.7 - 0.5) * Math.log(0.7 / 0.5) + (0.3 - 0.5) * Math.log(0.3 / 0.5);
    assertEquals(expected, Stability.index("x", new String[] {"a", "b"}, e, a).psi(), 1e-12);
    assertEquals(0.0, Stability.index("x", new String[] {"a", "b"}, e, e).psi(), 1e-12);
  }

  @Test
  void identicalScoresAreStableAndShiftedScoresAreNot() {
    int[] base = new int[1000];
    int[] shifted = new int[1000];
    for (int i = 0; i < 1000; i++) {
      base[i] = 400 + i % 300;
      shifted[i] = 400 + (i % 300) / 2;
    }
    assertEquals(0.0, Stability.scoreIndex(base, base).psi(), 1e-12);
    assertTrue(Stability.scoreIndex(base, shifted).psi() > 0.25);
  }

  @Test
  void theDistributionIsTheDecileBucketsOfItsScores() {
    int[] scores = new int[1000];
    for (int i = 0; i < 1000; i++) {
      scores[i] = 400 + i % 300; // 400..499 four times each, 500..699 three times
    }
    Stability.ScoreDistribution d = Stability.distribution("test rows", scores);
    assertEquals(1000, d.rows());
    assertEquals(9, d.cuts().size());
    assertEquals(d.cuts().size() + 1, d.shares().size());
    assertEquals(425, d.cuts().get(0)); // sorted, index 100: the 26th value of four rows each
    assertEquals(1.0, d.shares().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
    // each bucket holds the scores in [cut i-1, cut i): 400..424, 25 values of four rows
    long first = java.util.Arrays.stream(scores).filter(x -> x < 425).count();
    assertEquals(100, first);
    assertEquals(first / 1000.0, d.shares().get(0), 1e-12);
    // few distinct values: the cuts are distinct, so fewer buckets
    Stability.ScoreDistribution two = Stability.distribution("two values", new int[] {1, 1, 2, 2});
    assertEquals(java.util.List.of(2), two.cuts());
    assertEquals(java.util.List.of(0.5, 0.5), two.shares());
  }
}
