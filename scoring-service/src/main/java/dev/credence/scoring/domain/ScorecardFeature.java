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

  /** Best attainable points, over every bin and the missing bin. */
  public int maxPoints() {
    return allPoints().max().orElseThrow();
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
