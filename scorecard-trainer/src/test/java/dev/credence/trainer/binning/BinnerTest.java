package dev.credence.trainer.binning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.trainer.TrainingException;
import dev.credence.trainer.binning.BinStat.Kind;
import dev.credence.trainer.binning.FeatureBinning.Monotonic;
import dev.credence.trainer.binning.FeatureBinning.Type;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinnerTest {
  private final Binner binner = new Binner(20, 0.05);

  /**
   * x uniform 0..100, bad with probability rising in x, plus noise; some missing and -1 special.
   */
  private static Object[] data(long seed, int n) {
    Random r = new Random(seed);
    String[] raw = new String[n];
    boolean[] bad = new boolean[n];
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      if (u < 0.06) {
        raw[i] = null;
        bad[i] = r.nextDouble() < 0.5;
      } else if (u < 0.1) {
        raw[i] = "-1";
        bad[i] = r.nextDouble() < 0.05;
      } else {
        int x = r.nextInt(101);
        raw[i] = Integer.toString(x);
        bad[i] = r.nextDouble() < 0.05 + 0.3 * x / 100.0;
      }
    }
    return new Object[] {raw, bad};
  }

  @Test
  void numericBinsAreContiguousMonotonicAndLargeEnoughOverManySeeds() {
    for (long seed = 1; seed <= 30; seed++) {
      Object[] d = data(seed, 3000);
      FeatureBinning fb =
          binner.bin(
              "x",
              (String[]) d[0],
              (boolean[]) d[1],
              Type.NUMERIC,
              "auto",
              List.of("-1"),
              null,
              null);
      assertEquals(Monotonic.DECREASING, fb.monotonic(), "risk rises with x: points fall");
      List<BinStat> intervals = fb.bins().stream().filter(b -> b.kind() == Kind.INTERVAL).toList();
      assertNull(intervals.get(0).lower());
      assertNull(intervals.get(intervals.size() - 1).upper());
      for (int i = 0; i + 1 < intervals.size(); i++) {
        assertEquals(intervals.get(i).upper(), intervals.get(i + 1).lower(), "seed " + seed);
        assertTrue(
            intervals.get(i + 1).woe() <= intervals.get(i).woe(), "seed " + seed + " bin " + i);
      }
      for (BinStat b : intervals) {
        assertTrue(
            b.count() >= 0.05 * 3000, "seed " + seed + " " + b.label() + " has " + b.count());
      }
      assertEquals(Kind.SPECIAL, fb.bins().get(fb.bins().size() - 2).kind());
      assertEquals(Kind.MISSING, fb.bins().get(fb.missingIndex()).kind());
      assertEquals(fb.missingIndex(), fb.indexOf(null));
      assertEquals(fb.missingIndex(), fb.indexOf("not a number"));
      assertEquals(fb.bins().size() - 2, fb.indexOf("-1"));
      assertEquals(fb.bins().size() - 2, fb.indexOf("-1.0"));
      int total = fb.bins().stream().mapToInt(BinStat::count).sum();
      assertEquals(3000, total);
      assertTrue(fb.iv() > 0.1);
    }
  }

  @Test
  void declaredDirectionIsEnforcedEvenAgainstTheData() {
    Object[] d = data(7, 3000);
    FeatureBinning fb =
        binner.bin(
            "x", (String[]) d[0], (boolean[]) d[1], Type.NUMERIC, "increasing", null, null, null);
    List<BinStat> intervals = fb.bins().stream().filter(b -> b.kind() == Kind.INTERVAL).toList();
    for (int i = 0; i + 1 < intervals.size(); i++) {
      assertTrue(intervals.get(i + 1).woe() >= intervals.get(i).woe());
    }
    assertTrue(intervals.size() <= 2, "forcing the wrong direction collapses the bins");
  }

  @Test
  void manualEdgesAreKept() {
    Object[] d = data(3, 3000);
    FeatureBinning fb =
        binner.bin(
            "x",
            (String[]) d[0],
            (boolean[]) d[1],
            Type.NUMERIC,
            "decreasing",
            null,
            List.of(25.0, 50.0, 75.0),
            null);
    List<BinStat> intervals = fb.bins().stream().filter(b -> b.kind() == Kind.INTERVAL).toList();
    assertEquals(4, intervals.size());
    assertEquals(25.0, intervals.get(0).upper());
    assertEquals(75.0, intervals.get(3).lower());
  }

  @Test
  void categoriesAreGroupedByEventRateWithAMinimumShare() {
    Random r = new Random(11);
    int n = 4000;
    String[] raw = new String[n];
    boolean[] bad = new boolean[n];
    String[] cats = {"A", "B", "C", "D", "E", "rare"};
    double[] rate = {0.05, 0.06, 0.2, 0.21, 0.4, 0.1};
    for (int i = 0; i < n; i++) {
      int c = r.nextDouble() < 0.01 ? 5 : r.nextInt(5);
      raw[i] = cats[c];
      bad[i] = r.nextDouble() < rate[c];
    }
    FeatureBinning fb = binner.bin("c", raw, bad, Type.CATEGORICAL, null, null, null, null);
    assertEquals(Monotonic.NONE, fb.monotonic());
    for (BinStat b : fb.bins()) {
      if (b.kind() == Kind.CATEGORIES) {
        assertTrue(b.count() >= 200, b.label());
      }
    }
    assertEquals(fb.indexOf("rare"), fb.indexOf("rare"));
    assertTrue(fb.bins().get(fb.indexOf("rare")).categories().size() > 1, "rare is merged");
    assertEquals(fb.missingIndex(), fb.indexOf("never seen"));
  }

  @Test
  void manualGroupsAreKeptAndUnlistedCategoriesFormOneOtherGroup() {
    String[] raw = {"a", "b", "c", "d", "a", "b", "c", "d"};
    boolean[] bad = {true, false, false, true, false, false, true, false};
    FeatureBinning fb =
        new Binner(20, 0.0)
            .bin("c", raw, bad, Type.CATEGORICAL, "none", null, null, List.of(List.of("a", "b")));
    assertEquals(List.of("a", "b"), fb.bins().get(0).categories());
    assertEquals(List.of("c", "d"), fb.bins().get(1).categories());
  }

  @Test
  void aCategoricalFeatureCannotDeclareADirection() {
    TrainingException e =
        assertThrows(
            TrainingException.class,
            () ->
                binner.bin(
                    "c",
                    new String[] {"a", "b"},
                    new boolean[] {true, false},
                    Type.CATEGORICAL,
                    "increasing",
                    null,
                    null,
                    null));
    assertTrue(e.getMessage().contains("declare monotonic none"));
  }
}
