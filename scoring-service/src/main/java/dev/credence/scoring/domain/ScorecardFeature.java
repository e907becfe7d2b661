package dev.credence.scoring.domain;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One scored characteristic: its bins and points, the points when it is missing, the reason code
 * disclosed when it costs points, and the declared direction of its points.
 */
public record ScorecardFeature(
    String name,
    FeatureType type,
    Monotonicity monotonic,
    String reasonCode,
    String reasonText,
    String missingReasonCode,
    String missingReasonText,
    List<Bin> bins,
    Integer missingPoints,
    Double missingWoe) {

  public enum FeatureType {
    NUMERIC,
    CATEGORICAL
  }

  public enum Monotonicity {
    INCREASING,
    DECREASING,
    NONE
  }

  private IntStream allPoints() {
    return IntStream.concat(bins.stream().mapToInt(Bin::points), IntStream.of(missingPoints));
  }

  /**
   * The most points the feature can award, over every bin and the missing bin (the scale's top).
   */
  public int maxPoints() {
    return allPoints().max().orElseThrow();
  }

  /**
   * The best points attainable from a file holding {@code value}, against which the points it lost
   * are measured. A missing value can become any value, so every bin counts, the missing bin
   * included. A value the file holds cannot become missing again (a history is not unlearned by
   * having none), so only the model's bins count: a model that pays more for "no data" than for any
   * value must not tell a person in its best bin that the value cost them points.
   */
  public int bestAttainablePoints(Object value) {
    return value == null ? maxPoints() : bins.stream().mapToInt(Bin::points).max().orElseThrow();
  }

  /** Points lost by a value scoring {@code points}: never below zero (an unlisted category). */
  public int pointsLost(Object value, int points) {
    return Math.max(0, bestAttainablePoints(value) - points);
  }

  public int minPoints() {
    return allPoints().min().orElseThrow();
  }

  /** The bin a non-missing value falls in; {@code -1} for an unlisted category. */
  public int binIndexOf(Object value) {
    for (int i = 0; i < bins.size(); i++) {
      if (bins.get(i).contains(value)) {
        return i;
      }
    }
    return -1;
  }
}
