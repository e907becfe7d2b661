package dev.credence.trainer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to train and how, read from a JSON file (docs/model-development.md lists every field). Every
 * field but {@code model} and {@code target} has a default.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TrainerConfig(
    ModelInfo model,
    String dataDescription,
    Target target,
    List<String> missingTokens,
    List<String> features,
    List<String> exclude,
    List<String> protectedAttributes,
    Map<String, FeatureSettings> featureSettings,
    SplitSettings split,
    BinningSettings binning,
    SelectionSettings selection,
    RegressionSettings regression,
    ScalingSettings scaling,
    List<BandSettings> bands,
    MinimumScoringCriteria minimumScoringCriteria,
    FairnessSettings fairness) {

  public record ModelInfo(String id, String version, String subjectType, String description) {}

  public record Target(String column, String good, String bad) {}

  /**
   * Per-feature settings: {@code type} numeric|categorical (inferred when absent), {@code
   * monotonic} increasing|decreasing|none|auto (direction of the points; auto = from the sign of
   * the correlation), {@code specialValues} in bins of their own, manual {@code edges} (numeric cut
   * points) or {@code groups} (categorical), and the reason code and texts.
   */
  public record FeatureSettings(
      String type,
      String monotonic,
      List<String> specialValues,
      List<Double> edges,
      List<List<String>> groups,
      String reasonCode,
      String reasonText,
      String missingReasonCode,
      String missingReasonText) {}

  public record SplitSettings(Double testShare, Long seed) {}

  public record BinningSettings(Integer preBins, Double minBinShare) {}

  public record SelectionSettings(Double minIv, Double maxCorrelation) {}

  public record RegressionSettings(Double l2) {}

  public record ScalingSettings(
      Double baseScore, Double baseOdds, Double pdo, Integer min, Integer max) {}

  public record BandSettings(String name, Integer min, Integer max) {}

  public record MinimumScoringCriteria(Integer minimumTradelines, Integer recentActivityMonths) {}

  /**
   * The fairness report: the cut-off (a score, or the share of applicants to approve) and the
   * protected attributes, each either grouped by value ({@code groups}: group → values; absent =
   * every value its own group) or numeric bucketed by {@code edges} ({@code [e1, e2)} …) with
   * {@code labels}.
   */
  public record FairnessSettings(
      Integer cutoff, Double approvalRate, List<FairnessAttribute> attributes) {}

  public record FairnessAttribute(
      String column, Map<String, List<String>> groups, List<Double> edges, List<String> labels) {}

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public static TrainerConfig read(Path file) {
    try {
      return MAPPER.readValue(file.toFile(), TrainerConfig.class).checked(file.toString());
    } catch (IOException e) {
      throw new TrainingException("cannot read config " + file + ": " + e.getMessage(), e);
    }
  }

  TrainerConfig checked(String source) {
    if (model == null || model.id() == null || model.version() == null) {
      throw new TrainingException(source + ": model.id and model.version are required");
    }
    if (target == null
        || target.column() == null
        || target.good() == null
        || target.bad() == null) {
      throw new TrainingException(
          source + ": target.column, target.good and target.bad are required");
    }
    return this;
  }

  // ---- defaults ----

  public Set<String> missingTokenSet() {
    return Set.copyOf(missingTokens == null ? List.of("", "NA", "null") : missingTokens);
  }

  public List<String> protectedList() {
    return protectedAttributes == null ? List.of() : protectedAttributes;
  }

  public List<String> excludeList() {
    return exclude == null ? List.of() : exclude;
  }

  public FeatureSettings settingsOf(String feature) {
    FeatureSettings s = featureSettings == null ? null : featureSettings.get(feature);
    return s == null
        ? new FeatureSettings(null, null, null, null, null, null, null, null, null)
        : s;
  }

  public double testShare() {
    return split == null || split.testShare() == null ? 0.3 : split.testShare();
  }

  public long seed() {
    return split == null || split.seed() == null ? 42L : split.seed();
  }

  public int preBins() {
    return binning == null || binning.preBins() == null ? 20 : binning.preBins();
  }

  public double minBinShare() {
    return binning == null || binning.minBinShare() == null ? 0.05 : binning.minBinShare();
  }

  public double minIv() {
    return selection == null || selection.minIv() == null ? 0.02 : selection.minIv();
  }

  public double maxCorrelation() {
    return selection == null || selection.maxCorrelation() == null
        ? 0.7
        : selection.maxCorrelation();
  }

  public double l2() {
    return regression == null || regression.l2() == null ? 1.0 : regression.l2();
  }

  public ScalingSettings scalingOrDefault() {
    ScalingSettings s =
        scaling == null ? new ScalingSettings(null, null, null, null, null) : scaling;
    return new ScalingSettings(
        s.baseScore() == null ? 600.0 : s.baseScore(),
        s.baseOdds() == null ? 30.0 : s.baseOdds(),
        s.pdo() == null ? 20.0 : s.pdo(),
        s.min() == null ? 300 : s.min(),
        s.max() == null ? 850 : s.max());
  }

  public List<BandSettings> bandsOrDefault() {
    return bands != null
        ? bands
        : List.of(
            new BandSettings("Poor", 300, 579),
            new BandSettings("Fair", 580, 669),
            new BandSettings("Good", 670, 739),
            new BandSettings("Very good", 740, 799),
            new BandSettings("Exceptional", 800, 850));
  }

  public MinimumScoringCriteria criteriaOrDefault() {
    return minimumScoringCriteria != null
        ? minimumScoringCriteria
        : new MinimumScoringCriteria(1, 24);
  }

  public String subjectType() {
    return model.subjectType() == null ? "PERSON" : model.subjectType();
  }

  /** A copy with another split seed (for the seed-stability check). */
  public TrainerConfig withSeed(long newSeed) {
    return new TrainerConfig(
        model,
        dataDescription,
        target,
        missingTokens,
        features,
        exclude,
        protectedAttributes,
        featureSettings,
        new SplitSettings(testShare(), newSeed),
        binning,
        selection,
        regression,
        scaling,
        bands,
        minimumScoringCriteria,
        fairness);
  }

  /** A copy that declares exactly these protected attributes. */
  public TrainerConfig withProtectedAttributes(List<String> newProtected) {
    return new TrainerConfig(
        model,
        dataDescription,
        target,
        missingTokens,
        features,
        exclude,
        newProtected,
        featureSettings,
        split,
        binning,
        selection,
        regression,
        scaling,
        bands,
        minimumScoringCriteria,
        fairness);
  }

  /** A copy that declares exactly these features. */
  public TrainerConfig withFeatures(List<String> newFeatures) {
    return new TrainerConfig(
        model,
        dataDescription,
        target,
        missingTokens,
        newFeatures,
        exclude,
        protectedAttributes,
        featureSettings,
        split,
        binning,
        selection,
        regression,
        scaling,
        bands,
        minimumScoringCriteria,
        fairness);
  }
}
