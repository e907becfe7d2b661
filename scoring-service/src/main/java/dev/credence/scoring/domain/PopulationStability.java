package dev.credence.scoring.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Population stability of the scores a model released against the population it was developed on:
 * {@code PSI = Σ (actual% − expected%) · ln(actual% / expected%)}, over the development scores'
 * deciles for the score, and over each feature's model bins (missing included) for the features
 * (the characteristic analysis). The same formula, floor and reading as the trainer's stability
 * report (docs/model-development.md, "Stability (PSI)"): shares are floored at 0.0001 so an empty
 * bucket does not make the index infinite; below 0.10 stable, 0.10–0.25 watch, above 0.25 the
 * population has shifted.
 *
 * <p>The expected shares come from the model's validation report (the trainer's {@code
 * report.json}): {@code trainScores} (cuts and shares of the training rows' scores) and, per
 * feature, {@code features[].bins[].share} (training rows per bin, in the model's bin order, the
 * missing bin last).
 */
public final class PopulationStability {
  static final double FLOOR = 1e-4;

  private PopulationStability() {}

  public enum Status {
    STABLE,
    WATCH,
    SHIFT
  }

  public static Status status(double psi) {
    return psi < 0.10 ? Status.STABLE : psi <= 0.25 ? Status.WATCH : Status.SHIFT;
  }

  /** One bucket: its development share, its share of the live scores (and their count). */
  public record Bucket(String label, double expected, double actual, long count, double psi) {}

  public record Index(String name, double psi, Status status, List<Bucket> buckets) {}

  /** The development population as the validation report describes it. */
  public record Reference(
      String population,
      List<Integer> scoreCuts,
      List<Double> scoreShares,
      Map<String, List<Double>> featureShares) {}

  /**
   * The reference in a validation report, if it has one: its {@code trainScores} section (written
   * by the trainer since 2026-11-30) is required; a feature's shares are taken only where its bins
   * are as many as the model's bins plus the missing bin.
   */
  public static Optional<Reference> reference(JsonNode report, Scorecard card) {
    if (report == null || !report.path("trainScores").isObject()) {
      return Optional.empty();
    }
    JsonNode scores = report.path("trainScores");
    List<Integer> cuts = new ArrayList<>();
    scores.path("cuts").forEach(c -> cuts.add(c.asInt()));
    List<Double> shares = new ArrayList<>();
    scores.path("shares").forEach(s -> shares.add(s.asDouble()));
    if (shares.size() != cuts.size() + 1) {
      return Optional.empty();
    }
    for (int i = 1; i < cuts.size(); i++) {
      if (cuts.get(i) <= cuts.get(i - 1)) {
        return Optional.empty();
      }
    }
    Map<String, JsonNode> reported = new HashMap<>();
    report.path("features").forEach(f -> reported.put(f.path("name").asText(), f));
    Map<String, List<Double>> features = new HashMap<>();
    for (ScorecardFeature f : card.features()) {
      JsonNode r = reported.get(f.name());
      if (r == null || r.path("bins").size() != f.bins().size() + 1) {
        continue;
      }
      List<Double> binShares = new ArrayList<>();
      r.path("bins").forEach(b -> binShares.add(b.path("share").asDouble()));
      features.put(f.name(), List.copyOf(binShares));
    }
    return Optional.of(
        new Reference(
            scores.path("population").asText("the development population"),
            List.copyOf(cuts),
            List.copyOf(shares),
            Map.copyOf(features)));
  }

  /** Stability of {@code scores} over the reference's score buckets. */
  public static Index scores(Reference reference, int[] scores) {
    List<Integer> cuts = reference.scoreCuts();
    long[] counts = new long[cuts.size() + 1];
    for (int s : scores) {
      counts[scoreBucket(cuts, s)]++;
    }
    String[] labels = new String[counts.length];
    for (int i = 0; i < counts.length; i++) {
      String lo = i == 0 ? "-inf" : cuts.get(i - 1).toString();
      String hi = i == cuts.size() ? "+inf" : cuts.get(i).toString();
      labels[i] = "[" + lo + ", " + hi + ")";
    }
    return index("score", labels, reference.scoreShares(), counts);
  }

  /** The bucket of a score: {@code i} such that {@code cuts[i-1] <= score < cuts[i]}. */
  static int scoreBucket(List<Integer> cuts, int score) {
    int i = 0;
    while (i < cuts.size() && score >= cuts.get(i)) {
      i++;
    }
    return i;
  }

  /**
   * Stability of one feature's live values over the model's bins; a missing value, or one no bin
   * holds (an unseen category), counts in the missing bin, as it scores.
   */
  public static Index feature(
      ScorecardFeature feature, List<Double> expected, List<Object> values) {
    long[] counts = new long[feature.bins().size() + 1];
    for (Object v : values) {
      int bin = v == null ? -1 : feature.binIndexOf(v);
      counts[bin < 0 ? feature.bins().size() : bin]++;
    }
    String[] labels = new String[counts.length];
    for (int i = 0; i < feature.bins().size(); i++) {
      labels[i] = feature.bins().get(i).label();
    }
    labels[feature.bins().size()] = "missing";
    return index(feature.name(), labels, expected, counts);
  }

  static Index index(String name, String[] labels, List<Double> expected, long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    List<Bucket> buckets = new ArrayList<>();
    double psi = 0;
    for (int i = 0; i < labels.length; i++) {
      double actual = total == 0 ? 0 : (double) counts[i] / total;
      double e = Math.max(expected.get(i), FLOOR);
      double a = Math.max(actual, FLOOR);
      double contribution = (a - e) * Math.log(a / e);
      psi += contribution;
      buckets.add(new Bucket(labels[i], expected.get(i), actual, counts[i], contribution));
    }
    return new Index(name, psi, status(psi), List.copyOf(buckets));
  }
}
