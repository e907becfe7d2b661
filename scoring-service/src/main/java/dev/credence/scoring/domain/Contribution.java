package dev.credence.scoring.domain;

/**
 * What one feature contributed: its value ({@code null} when missing), the bin it fell in ({@code
 * -1} for the missing bin), the points awarded and the points lost against the best bin attainable
 * from it ({@link ScorecardFeature#bestAttainablePoints}).
 */
public record Contribution(
    ScorecardFeature feature, Object value, int binIndex, int points, int pointsLost) {

  public boolean missing() {
    return binIndex < 0;
  }

  /**
   * The feature's reason code, or its missing reason when the value is missing: the model's own
   * missing reason, else (for a value that is absent, not an unlisted category) the feature
   * catalogue's, so a missing value is never disclosed with the text of a value the person does not
   * have ("Delinquency on one or more accounts" for a file with no payment history at all).
   */
  public ReasonCode reasonCode() {
    if (missing() && feature.missingReasonCode() != null) {
      return new ReasonCode(
          feature.missingReasonCode(), feature.missingReasonText(), pointsLost, feature.name());
    }
    if (value == null) {
      FeatureCatalog.Definition d = FeatureCatalog.definition(feature.name()).orElse(null);
      if (d != null && d.missingReasonCode() != null) {
        return new ReasonCode(
            d.missingReasonCode(), d.missingReasonText(), pointsLost, feature.name());
      }
    }
    return new ReasonCode(feature.reasonCode(), feature.reasonText(), pointsLost, feature.name());
  }
}
