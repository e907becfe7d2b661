package dev.credence.trainer.report;

import dev.credence.trainer.TrainerConfig.FairnessAttribute;
import dev.credence.trainer.TrainingException;
import dev.credence.trainer.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fairness of the decisions a cut-off makes, by group of each protected attribute (used here and
 * only here, never as a feature): approval rate and its ratio to the most approved group (the
 * four-fifths rule flags a ratio below 0.8), mean score and its difference to that group, and the
 * equal-opportunity difference: the approval rate among the goods (true positive rate, "good" being
 * the positive outcome) minus that of the reference group.
 */
public final class Fairness {
  private Fairness() {}

  public record Group(
      String group,
      int rows,
      int bads,
      double approvalRate,
      double approvalRatio,
      boolean fourFifthsFlag,
      double meanScore,
      double meanScoreDifference,
      double goodsApprovalRate,
      double equalOpportunityDifference) {}

  public record Attribute(String column, String referenceGroup, List<Group> groups) {}

  public record Report(
      String population,
      int rows,
      int cutoff,
      double overallApprovalRate,
      List<Attribute> attributes) {}

  /**
   * The score at or above which {@code share} of the rows are approved (approval: score ≥ cut-off).
   */
  public static int cutoffForApprovalRate(int[] scores, double share) {
    int[] sorted = scores.clone();
    Arrays.sort(sorted);
    int index = (int) Math.floor((1 - share) * sorted.length);
    return sorted[Math.min(Math.max(index, 0), sorted.length - 1)];
  }

  public static Report report(
      String population,
      Dataset data,
      int[] scores,
      int cutoff,
      List<FairnessAttribute> attributes) {
    List<Attribute> out = new ArrayList<>();
    int approved = 0;
    for (int s : scores) {
      approved += s >= cutoff ? 1 : 0;
    }
    for (FairnessAttribute a : attributes) {
      if (!data.has(a.column())) {
        throw new TrainingException(
            "fairness: protected attribute '" + a.column() + "' is not a column of the data");
      }
      String[] raw = data.column(a.column());
      Map<String, List<Integer>> groups = new LinkedHashMap<>();
      if (a.edges() != null && !a.edges().isEmpty()) {
        for (int i = 0; i <= a.edges().size(); i++) {
          groups.put(bucketLabel(a, i), new ArrayList<>());
        }
      } else if (a.groups() != null) {
        a.groups().keySet().forEach(g -> groups.put(g, new ArrayList<>()));
      }
      for (int i = 0; i < raw.length; i++) {
        String g = groupOf(a, raw[i]);
        groups.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
      }
      groups.values().removeIf(List::isEmpty);
      List<double[]> stats = new ArrayList<>();
      for (List<Integer> rows : groups.values()) {
        int n = rows.size();
        int bads = 0;
        int ok = 0;
        int goods = 0;
        int goodsOk = 0;
        double sum = 0;
        for (int i : rows) {
          boolean approve = scores[i] >= cutoff;
          ok += approve ? 1 : 0;
          sum += scores[i];
          if (data.isBad(i)) {
            bads++;
          } else {
            goods++;
            goodsOk += approve ? 1 : 0;
          }
        }
        stats.add(
            new double[] {
              n, bads, (double) ok / n, sum / n, goods == 0 ? Double.NaN : (double) goodsOk / goods
            });
      }
      int ref = 0;
      for (int i = 1; i < stats.size(); i++) {
        if (stats.get(i)[2] > stats.get(ref)[2]) {
          ref = i;
        }
      }
      List<String> names = new ArrayList<>(groups.keySet());
      double[] r = stats.get(ref);
      List<Group> result = new ArrayList<>();
      for (int i = 0; i < stats.size(); i++) {
        double[] s = stats.get(i);
        double ratio = r[2] == 0 ? Double.NaN : s[2] / r[2];
        result.add(
            new Group(
                names.get(i),
                (int) s[0],
                (int) s[1],
                s[2],
                ratio,
                ratio < 0.8,
                s[3],
                s[3] - r[3],
                s[4],
                s[4] - r[4]));
      }
      out.add(new Attribute(a.column(), names.get(ref), result));
    }
    return new Report(population, scores.length, cutoff, (double) approved / scores.length, out);
  }

  private static String groupOf(FairnessAttribute a, String raw) {
    if (raw == null) {
      return "missing";
    }
    if (a.edges() != null && !a.edges().isEmpty()) {
      Double x = Dataset.parse(raw);
      if (x == null) {
        return "missing";
      }
      int i = 0;
      while (i < a.edges().size() && x >= a.edges().get(i)) {
        i++;
      }
      return bucketLabel(a, i);
    }
    if (a.groups() != null) {
      for (var e : a.groups().entrySet()) {
        if (e.getValue().contains(raw)) {
          return e.getKey();
        }
      }
    }
    return raw;
  }

  private static String bucketLabel(FairnessAttribute a, int i) {
    if (a.labels() != null && a.labels().size() == a.edges().size() + 1) {
      return a.labels().get(i);
    }
    String lo = i == 0 ? "-inf" : a.edges().get(i - 1).toString();
    String hi = i == a.edges().size() ? "+inf" : a.edges().get(i).toString();
    return "[" + lo + ", " + hi + ")";
  }
}
