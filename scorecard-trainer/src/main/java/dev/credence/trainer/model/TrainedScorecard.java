package dev.credence.trainer.model;

import dev.credence.trainer.data.Dataset;
import java.util.List;

/**
 * A points scorecard as the trainer holds it: the score of a row is exactly the sum of the points
 * of the bins its values fall in (missing and special values included), nothing else.
 */
public record TrainedScorecard(
    String id,
    String version,
    String subjectType,
    String description,
    String provenance,
    Scaling scaling,
    List<Band> bands,
    int minimumTradelines,
    int recentActivityMonths,
    double intercept,
    List<ScoredFeature> features) {

  /**
   * {@code factor = pdo / ln 2}, {@code offset = baseScore − factor·ln(baseOdds)} (odds good:bad).
   */
  public record Scaling(double baseScore, double baseOdds, double pdo, int min, int max) {
    public double factor() {
      return pdo / Math.log(2);
    }

    public double offset() {
      return baseScore - factor() * Math.log(baseOdds);
    }

    /** Probability of the bad event implied by a score under this scaling. */
    public double badProbability(double score) {
      double lnOdds = (score - offset()) / factor();
      return 1 / (1 + Math.exp(lnOdds));
    }
  }

  public record Band(String name, int min, int max) {}

  public String key() {
    return id + "-v" + version;
  }

  public int score(Dataset data, int row) {
    int total = 0;
    for (ScoredFeature f : features) {
      total += f.pointsOf(data.column(f.name())[row]);
    }
    return total;
  }

  public int[] scores(Dataset data) {
    int[] s = new int[data.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = score(data, i);
    }
    return s;
  }

  public int minimumTotal() {
    return features.stream().mapToInt(ScoredFeature::minPoints).sum();
  }

  public int maximumTotal() {
    return features.stream().mapToInt(ScoredFeature::maxPoints).sum();
  }

  public String bandOf(int score) {
    return bands.stream()
        .filter(b -> score >= b.min() && score <= b.max())
        .map(Band::name)
        .findFirst()
        .orElse("outside the scale");
  }

  public TrainedScorecard withProvenance(String p) {
    return new TrainedScorecard(
        id,
        version,
        subjectType,
        description,
        p,
        scaling,
        bands,
        minimumTradelines,
        recentActivityMonths,
        intercept,
        features);
  }
}
