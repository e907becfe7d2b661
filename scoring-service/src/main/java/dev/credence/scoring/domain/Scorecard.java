package dev.credence.scoring.domain;

import java.util.List;
import java.util.Optional;

/**
 * A points scorecard defined as data (docs/scoring.md, "Model file format"). Build it with {@link
 * ScorecardReader}, which also validates it; a scorecard in use has passed {@link
 * ScorecardValidator}.
 */
public record Scorecard(
    String id,
    String version,
    String subjectType,
    String description,
    String provenance,
    Scaling scaling,
    List<Band> bands,
    MinimumScoringCriteria minimumScoringCriteria,
    List<ScorecardFeature> features) {

  /** {@code <id>-v<version>}: the key a model is selected by and its file name. */
  public String key() {
    return id + "-v" + version;
  }

  public Optional<Band> bandFor(int score) {
    return bands == null
        ? Optional.empty()
        : bands.stream().filter(b -> score >= b.min() && score <= b.max()).findFirst();
  }

  /** Lowest total any feature vector can score (sum of each feature's worst bin). */
  public int minimumTotal() {
    return features.stream().mapToInt(ScorecardFeature::minPoints).sum();
  }

  /** Highest total any feature vector can score (sum of each feature's best bin). */
  public int maximumTotal() {
    return features.stream().mapToInt(ScorecardFeature::maxPoints).sum();
  }
}
