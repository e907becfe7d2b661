package dev.credence.trainer.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Discrimination measures of a score where a higher score means lower risk: AUC (probability that a
 * random good outscores a random bad, ties counting half), Gini = 2·AUC − 1, and KS (largest gap
 * between the cumulative score distributions of bads and goods).
 */
public final class Metrics {
  private Metrics() {}

  /** One point of the ROC / KS curves at "reject every score ≤ threshold". */
  public record CurvePoint(double threshold, double badsRejected, double goodsRejected) {}

  public static double auc(double[] score, boolean[] bad) {
    int n = score.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    double rankSumGood = 0;
    long goods = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1; // average rank of the tie group
      for (int k = i; k <= j; k++) {
        if (!bad[order[k]]) {
          rankSumGood += rank;
          goods++;
        }
      }
      i = j + 1;
    }
    long bads = n - goods;
    if (goods == 0 || bads == 0) {
      return Double.NaN;
    }
    return (rankSumGood - goods * (goods + 1) / 2.0) / ((double) goods * bads);
  }

  public static double auc(int[] score, boolean[] bad) {
    return auc(Arrays.stream(score).asDoubleStream().toArray(), bad);
  }

  /** The curve from (0,0) to (1,1), one point per distinct score. */
  public static List<CurvePoint> curve(int[] score, boolean[] bad) {
    int n = score.length;
    int bads = 0;
    for (boolean b : bad) {
      bads += b ? 1 : 0;
    }
    int goods = n - bads;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(score[a], score[b]));
    List<CurvePoint> points = new ArrayList<>();
    points.add(new CurvePoint(Double.NEGATIVE_INFINITY, 0, 0));
    int cb = 0;
    int cg = 0;
    for (int i = 0; i < n; i++) {
      if (bad[order[i]]) {
        cb++;
      } else {
        cg++;
      }
      if (i + 1 == n || score[order[i + 1]] != score[order[i]]) {
        points.add(new CurvePoint(score[order[i]], (double) cb / bads, (double) cg / goods));
      }
    }
    return points;
  }

  /** KS statistic and the score where it is reached. */
  public record Ks(double value, double atScore) {}

  public static Ks ks(int[] score, boolean[] bad) {
    double best = 0;
    double at = Double.NaN;
    for (CurvePoint p : curve(score, bad)) {
      double d = Math.abs(p.badsRejected() - p.goodsRejected());
      if (d > best) {
        best = d;
        at = p.threshold();
      }
    }
    return new Ks(best, at);
  }
}
