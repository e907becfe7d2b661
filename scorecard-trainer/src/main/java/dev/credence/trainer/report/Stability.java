package dev.credence.trainer.report;

import dev.credence.trainer.binning.FeatureBinning;
import dev.credence.trainer.data.Dataset;
import dev.credence.trainer.model.ScoredFeature;
import dev.credence.trainer.model.TrainedScorecard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Population stability index between a baseline (the training population) and a later sample:
 * {@code PSI = Σ (actual% − expected%) · ln(actual% / expected%)} over the score's baseline deciles
 * and over each feature's model bins (missing included). Shares are floored at 0.0001 so an empty
 * bin does not make the index infinite. Reading: below 0.10 stable, 0.10–0.25 watch, above 0.25 the
 * population has shifted.
 */
public final class Stability {
  private static final double FLOOR = 1e-4;

  private Stability() {}

  public record Bucket(String label, double expected, double actual, double contribution) {}

  public record Index(String name, double psi, String status, List<Bucket> buckets) {}

  public record Report(int baselineRows, int sampleRows, Index score, List<Index> features) {}

  public static String status(double psi) {
    return psi < 0.10 ? "STABLE" : psi <= 0.25 ? "WATCH" : "SHIFT";
  }

  public static Report compare(TrainedScorecard card, Dataset baseline, Dataset sample) {
    int[] base = card.scores(baseline);
    int[] later = card.scores(sample);
    List<Index> features = new ArrayList<>();
    for (ScoredFeature f : card.features()) {
      features.add(featureIndex(f.binning(), baseline, sample));
    }
    return new Report(baseline.size(), sample.size(), scoreIndex(base, later), features);
  }

  /**
   * A population's score distribution over its own deciles, as scoring-service compares live scores
   * with it ({@code GET /v1/models/{key}/stability}): bucket {@code i} holds the scores {@code s}
   * with {@code cuts[i-1] <= s < cuts[i]} (the first from −∞, the last to +∞); {@code shares[i]} is
   * its share of {@code rows}.
   */
  public record ScoreDistribution(
      String population, int rows, List<Integer> cuts, List<Double> shares) {}

  /** The distribution of {@code scores} over their deciles (see {@link #scoreIndex}). */
  public static ScoreDistribution distribution(String population, int[] scores) {
    List<Integer> cuts = decileCuts(scores);
    List<Double> shares = new ArrayList<>();
    for (double share : bucketShares(scores, cuts)) {
      shares.add(share);
    }
    return new ScoreDistribution(population, scores.length, List.copyOf(cuts), List.copyOf(shares));
  }

  /** Distinct decile cut points of {@code scores}, so possibly fewer than nine. */
  static List<Integer> decileCuts(int[] scores) {
    int[] sorted = scores.clone();
    Arrays.sort(sorted);
    List<Integer> cuts = new ArrayList<>();
    for (int q = 1; q < 10; q++) {
      int c = sorted[(int) Math.floor(q * sorted.length / 10.0)];
      if (c > sorted[0] && (cuts.isEmpty() || c > cuts.get(cuts.size() - 1))) {
        cuts.add(c);
      }
    }
    return cuts;
  }

  /** PSI of scores over the baseline's deciles (distinct cut points, so possibly fewer buckets). */
  public static Index scoreIndex(int[] base, int[] later) {
    List<Integer> cuts = decileCuts(base);
    String[] labels = new String[cuts.size() + 1];
    for (int i = 0; i <= cuts.size(); i++) {
      String lo = i == 0 ? "-inf" : cuts.get(i - 1).toString();
      String hi = i == cuts.size() ? "+inf" : cuts.get(i).toString();
      labels[i] = "[" + lo + ", " + hi + ")";
    }
    return index("score", labels, bucketShares(base, cuts), bucketShares(later, cuts));
  }

  private static double[] bucketShares(int[] scores, List<Integer> cuts) {
    double[] c = new double[cuts.size() + 1];
    for (int s : scores) {
      int i = 0;
      while (i < cuts.size() && s >= cuts.get(i)) {
        i++;
      }
      c[i]++;
    }
    for (int i = 0; i < c.length; i++) {
      c[i] /= scores.length;
    }
    return c;
  }

  public static Index featureIndex(FeatureBinning fb, Dataset baseline, Dataset sample) {
    String[] labels = fb.bins().stream().map(b -> b.label()).toArray(String[]::new);
    return index(fb.name(), labels, binShares(fb, baseline), binShares(fb, sample));
  }

  private static double[] binShares(FeatureBinning fb, Dataset data) {
    double[] c = new double[fb.bins().size()];
    String[] raw = data.column(fb.name());
    for (String v : raw) {
      c[fb.indexOf(v)]++;
    }
    for (int i = 0; i < c.length; i++) {
      c[i] /= raw.length;
    }
    return c;
  }

  public static Index index(String name, String[] labels, double[] expected, double[] actual) {
    List<Bucket> buckets = new ArrayList<>();
    double psi = 0;
    for (int i = 0; i < labels.length; i++) {
      double e = Math.max(expected[i], FLOOR);
      double a = Math.max(actual[i], FLOOR);
      double contribution = (a - e) * Math.log(a / e);
      psi += contribution;
      buckets.add(new Bucket(labels[i], expected[i], actual[i], contribution));
    }
    return new Index(name, psi, status(psi), buckets);
  }
}
