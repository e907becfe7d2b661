package dev.credence.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded stratified splits: the bad rate is the same (to one row) in every part. */
public final class Split {
  private Split() {}

  /** Train and test row indices; {@code testShare} of the goods and of the bads go to test. */
  public record TrainTest(int[] train, int[] test) {}

  public static TrainTest trainTest(boolean[] bad, double testShare, long seed) {
    Random random = new Random(seed);
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (boolean stratum : new boolean[] {false, true}) {
      List<Integer> rows = shuffled(bad, stratum, random);
      int nTest = (int) Math.round(rows.size() * testShare);
      test.addAll(rows.subList(0, nTest));
      train.addAll(rows.subList(nTest, rows.size()));
    }
    return new TrainTest(sorted(train), sorted(test));
  }

  /** {@code k} stratified folds: fold {@code f} is the held-out rows of round {@code f}. */
  public static int[][] folds(boolean[] bad, int k, long seed) {
    Random random = new Random(seed);
    List<List<Integer>> folds = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      folds.add(new ArrayList<>());
    }
    for (boolean stratum : new boolean[] {false, true}) {
      List<Integer> rows = shuffled(bad, stratum, random);
      for (int i = 0; i < rows.size(); i++) {
        folds.get(i % k).add(rows.get(i));
      }
    }
    return folds.stream().map(Split::sorted).toArray(int[][]::new);
  }

  /** The rows of {@code 0..n-1} not in {@code held}. */
  public static int[] complement(int n, int[] held) {
    boolean[] out = new boolean[n];
    for (int i : held) {
      out[i] = true;
    }
    return java.util.stream.IntStream.range(0, n).filter(i -> !out[i]).toArray();
  }

  private static List<Integer> shuffled(boolean[] bad, boolean stratum, Random random) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < bad.length; i++) {
      if (bad[i] == stratum) {
        rows.add(i);
      }
    }
    java.util.Collections.shuffle(rows, random);
    return rows;
  }

  private static int[] sorted(List<Integer> rows) {
    int[] a = rows.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(a);
    return a;
  }
}
