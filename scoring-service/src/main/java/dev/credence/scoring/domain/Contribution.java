package dev.credence.scoring.domain;

/**
 * What one feature contributed: its value ({@code null} when missing), the bin it fell in ({@code
 * -1} for the missing bin), the points awarded and the points lost against the feature's best bin.
 */
public record Contribution(
    ScorecardFeature feature, Object value, int binIndex, int points, int pointsLost) {

  public boolean missing() {
    return binIndex < 0;
  }

  public ReasonCode reasonCode() {
    if (missing() && feature.missingReasonCode() != null) {
      return new ReasonCode(
          feature.missingReasonCode(), feature.missingReasonText(), pointsLost, feature.name());
    }
    return new ReasonCode(feature.reasonCode(), feature.reasonText(), pointsLost, feature.name());
  }
}
