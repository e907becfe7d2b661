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
}
