package dev.credence.trainer.model;

import dev.credence.trainer.binning.FeatureBinning;

/**
 * A feature in the fitted scorecard: its binning, its coefficient and the integer points of each of
 * its bins ({@code points[i]} belongs to {@code binning.bins().get(i)}, the missing bin last).
 */
public record ScoredFeature(
    FeatureBinning binning,
    double coefficient,
    int[] points,
    String reasonCode,
    String reasonText,
    String missingReasonCode,
    String missingReasonText) {

  public String name() {
    return binning.name();
  }

  public int pointsOf(String raw) {
    return points[binning.indexOf(raw)];
  }

  public int maxPoints() {
    int m = Integer.MIN_VALUE;
    for (int p : points) {
      m = Math.max(m, p);
    }
    return m;
  }

  public int minPoints() {
    int m = Integer.MAX_VALUE;
    for (int p : points) {
      m = Math.min(m, p);
    }
    return m;
  }
}
