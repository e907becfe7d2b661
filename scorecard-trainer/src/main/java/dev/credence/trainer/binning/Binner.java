package dev.credence.trainer.binning;

import dev.credence.trainer.TrainingException;
import dev.credence.trainer.binning.BinStat.Kind;
import dev.credence.trainer.binning.FeatureBinning.Monotonic;
import dev.credence.trainer.binning.FeatureBinning.Type;
import dev.credence.trainer.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Weight-of-evidence binning.
 *
 * <p>Numeric: quantile pre-bins (cut points at observed values, so bins are {@code [lower, upper)}
 * as scoring-service reads them), then adjacent bins are merged until every bin holds at least the
 * minimum share of the rows and the WoE is monotonic in the declared direction (or the direction of
 * the value's correlation with the event, when {@code auto}). Categorical: categories ordered by
 * event rate, small ones merged into their closest neighbour. Missing and special values keep bins
 * of their own. Manual {@code edges} or {@code groups} replace the automatic bins.
 */
public final class Binner {
  private final int preBins;
  private final double minShare;

  public Binner(int preBins, double minShare) {
    this.preBins = preBins;
    this.minShare = minShare;
  }

  /** Mutable accumulator while merging. */
  private static final class Acc {
    Double lower;
    Double upper;
    List<String> categories;
    int goods;
    int bads;

    double badRate() {
      return goods + bads == 0 ? 0 : (double) bads / (goods + bads);
    }

    void absorb(Acc o) {
      goods += o.goods;
      bads += o.bads;
      if (categories != null) {
        categories.addAll(o.categories);
      }
    }
  }

  public FeatureBinning bin(
      String name,
      String[] raw,
      boolean[] bad,
      Type type,
      String monotonic,
      List<String> specialValues,
      List<Double> edges,
      List<List<String>> groups) {
    int totalBads = 0;
    for (boolean b : bad) {
      totalBads += b ? 1 : 0;
    }
    int totalGoods = bad.length - totalBads;
    if (totalBads == 0 || totalGoods == 0) {
      throw new TrainingException("the training rows need both goods and bads");
    }
    int minCount = (int) Math.ceil(minShare * bad.length);
    Set<String> specials = new LinkedHashSet<>(specialValues == null ? List.of() : specialValues);

    // missing and special first
    int missGoods = 0;
    int missBads = 0;
    Map<String, int[]> specialCounts = new LinkedHashMap<>();
    for (String s : specials) {
      specialCounts.put(s, new int[2]);
    }
    List<Integer> ordinary = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      String v = raw[i];
      String special = v == null ? null : specialOf(v, specials, type);
      if (v == null || (type == Type.NUMERIC && special == null && Dataset.parse(v) == null)) {
        if (bad[i]) {
          missBads++;
        } else {
          missGoods++;
        }
      } else if (special != null) {
        specialCounts.get(special)[bad[i] ? 1 : 0]++;
      } else {
        ordinary.add(i);
      }
    }
    if (ordinary.isEmpty()) {
      throw new TrainingException(
          "feature '" + name + "' has no ordinary (non-missing, non-special) value");
    }

    Monotonic direction;
    List<Acc> accs;
    if (type == Type.NUMERIC) {
      double[] x = new double[ordinary.size()];
      boolean[] y = new boolean[ordinary.size()];
      for (int k = 0; k < x.length; k++) {
        x[k] = Dataset.parse(raw[ordinary.get(k)]);
        y[k] = bad[ordinary.get(k)];
      }
      direction = direction(name, monotonic, x, y);
      boolean manual = edges != null && !edges.isEmpty();
      accs = intervals(x, y, manual ? edges : quantileCuts(x));
      if (!manual) {
        mergeSmall(accs, minCount, true);
        if (direction != Monotonic.NONE) {
          enforceMonotonic(accs, direction, totalGoods, totalBads);
        }
      }
    } else {
      if (monotonic != null
          && !monotonic.equalsIgnoreCase("none")
          && !monotonic.equalsIgnoreCase("auto")) {
        throw new TrainingException(
            "feature '"
                + name
                + "' is categorical: a category has no order, declare monotonic none");
      }
      direction = Monotonic.NONE;
      accs = categories(name, raw, bad, ordinary, groups);
      if (groups == null || groups.isEmpty()) {
        accs.sort(Comparator.comparingDouble(Acc::badRate));
        mergeSmall(accs, minCount, false);
      }
    }

    List<BinStat> bins = new ArrayList<>();
    for (Acc a : accs) {
      bins.add(
          new BinStat(
              type == Type.NUMERIC ? Kind.INTERVAL : Kind.CATEGORIES,
              a.lower,
              a.upper,
              a.categories == null ? null : List.copyOf(a.categories),
              a.goods,
              a.bads,
              BinStat.woe(a.goods, a.bads, totalGoods, totalBads)));
    }
    for (var e : specialCounts.entrySet()) {
      int[] c = e.getValue();
      if (c[0] + c[1] > 0) {
        bins.add(
            new BinStat(
                Kind.SPECIAL,
                null,
                null,
                List.of(e.getKey()),
                c[0],
                c[1],
                BinStat.woe(c[0], c[1], totalGoods, totalBads)));
      }
    }
    // missing: its own WoE when seen in training; otherwise the worst bin's WoE (no evidence is
    // not rewarded)
    double missWoe =
        missGoods + missBads > 0
            ? BinStat.woe(missGoods, missBads, totalGoods, totalBads)
            : bins.stream().mapToDouble(BinStat::woe).min().orElse(0);
    bins.add(new BinStat(Kind.MISSING, null, null, null, missGoods, missBads, missWoe));

    double iv = 0;
    for (BinStat b : bins) {
      if (b.count() > 0) {
        iv += ((double) b.goods() / totalGoods - (double) b.bads() / totalBads) * b.woe();
      }
    }
    return new FeatureBinning(name, type, direction, List.copyOf(bins), iv);
  }

  private static String specialOf(String v, Set<String> specials, Type type) {
    if (specials.contains(v)) {
      return v;
    }
    if (type == Type.NUMERIC) {
      Double x = Dataset.parse(v);
      if (x != null) {
        for (String s : specials) {
          Double sx = Dataset.parse(s);
          if (sx != null && sx.equals(x)) {
            return s;
          }
        }
      }
    }
    return null;
  }

  /** Points direction: declared, or from the sign of the correlation of value and event. */
  private static Monotonic direction(String name, String declared, double[] x, boolean[] y) {
    String d = declared == null ? "auto" : declared.toLowerCase(Locale.ROOT);
    return switch (d) {
      case "increasing" -> Monotonic.INCREASING;
      case "decreasing" -> Monotonic.DECREASING;
      case "none" -> Monotonic.NONE;
      case "auto" -> correlation(x, y) > 0 ? Monotonic.DECREASING : Monotonic.INCREASING;
      default ->
          throw new TrainingException(
              "feature '"
                  + name
                  + "': monotonic must be increasing, decreasing, none or auto, not '"
                  + declared
                  + "'");
    };
  }

  private static double correlation(double[] x, boolean[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i] ? 1 : 0;
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * ((y[i] ? 1 : 0) - my);
    }
    return sxy;
  }

  /** Cut points at observed values at the quantiles 1/preBins … (preBins−1)/preBins. */
  private List<Double> quantileCuts(double[] x) {
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    List<Double> cuts = new ArrayList<>();
    for (int q = 1; q < preBins; q++) {
      double c = sorted[(int) Math.floor((double) q * sorted.length / preBins)];
      if (c > sorted[0] && (cuts.isEmpty() || c > cuts.get(cuts.size() - 1))) {
        cuts.add(c);
      }
    }
    return cuts;
  }

  private static List<Acc> intervals(double[] x, boolean[] y, List<Double> cuts) {
    List<Double> sortedCuts = cuts.stream().sorted().distinct().toList();
    List<Acc> accs = new ArrayList<>();
    for (int i = 0; i <= sortedCuts.size(); i++) {
      Acc a = new Acc();
      a.lower = i == 0 ? null : sortedCuts.get(i - 1);
      a.upper = i == sortedCuts.size() ? null : sortedCuts.get(i);
      accs.add(a);
    }
    for (int k = 0; k < x.length; k++) {
      int i = 0;
      while (i < sortedCuts.size() && x[k] >= sortedCuts.get(i)) {
        i++;
      }
      if (y[k]) {
        accs.get(i).bads++;
      } else {
        accs.get(i).goods++;
      }
    }
    // drop empty intervals by widening a neighbour (manual edges may leave some empty)
    for (int i = accs.size() - 1; i >= 0 && accs.size() > 1; i--) {
      if (accs.get(i).goods + accs.get(i).bads == 0) {
        mergeIntervals(accs, i == 0 ? 0 : i - 1);
      }
    }
    return accs;
  }

  /** Merges bin {@code i} with bin {@code i+1}. */
  private static void mergeIntervals(List<Acc> accs, int i) {
    Acc a = accs.get(i);
    Acc b = accs.remove(i + 1);
    a.absorb(b);
    if (a.categories == null) {
      a.upper = b.upper;
    }
  }

  private static void mergeSmall(List<Acc> accs, int minCount, boolean intervals) {
    while (accs.size() > 1) {
      int smallest = -1;
      for (int i = 0; i < accs.size(); i++) {
        int c = accs.get(i).goods + accs.get(i).bads;
        if (c < minCount
            && (smallest < 0 || c < accs.get(smallest).goods + accs.get(smallest).bads)) {
          smallest = i;
        }
      }
      if (smallest < 0) {
        return;
      }
      int left = smallest - 1;
      int right = smallest + 1;
      int with;
      if (left < 0) {
        with = right;
      } else if (right >= accs.size()) {
        with = left;
      } else {
        double r = accs.get(smallest).badRate();
        with =
            Math.abs(accs.get(left).badRate() - r) <= Math.abs(accs.get(right).badRate() - r)
                ? left
                : right;
      }
      mergeIntervals(accs, Math.min(smallest, with));
    }
  }

  /** Merges adjacent bins until WoE follows the direction of the points (PAVA-like). */
  private static void enforceMonotonic(List<Acc> accs, Monotonic direction, int tg, int tb) {
    boolean changed = true;
    while (changed && accs.size() > 1) {
      changed = false;
      for (int i = 0; i + 1 < accs.size(); i++) {
        double w0 = BinStat.woe(accs.get(i).goods, accs.get(i).bads, tg, tb);
        double w1 = BinStat.woe(accs.get(i + 1).goods, accs.get(i + 1).bads, tg, tb);
        boolean violates = direction == Monotonic.INCREASING ? w1 < w0 : w1 > w0;
        if (violates) {
          mergeIntervals(accs, i);
          changed = true;
          break;
        }
      }
    }
  }

  private static List<Acc> categories(
      String name, String[] raw, boolean[] bad, List<Integer> rows, List<List<String>> groups) {
    Map<String, Acc> byCategory = new LinkedHashMap<>();
    Map<String, Acc> groupOf = new LinkedHashMap<>();
    List<Acc> result = new ArrayList<>();
    if (groups != null && !groups.isEmpty()) {
      for (List<String> g : groups) {
        Acc a = new Acc();
        a.categories = new ArrayList<>();
        for (String c : g) {
          if (groupOf.put(c, a) != null) {
            throw new TrainingException(
                "feature '" + name + "': category '" + c + "' is in more than one group");
          }
        }
        result.add(a);
      }
    }
    for (int i : rows) {
      String c = raw[i];
      Acc a = groupOf.get(c);
      if (a == null) {
        a =
            byCategory.computeIfAbsent(
                c,
                k -> {
                  Acc n = new Acc();
                  n.categories = new ArrayList<>();
                  return n;
                });
      }
      if (a.categories.isEmpty() || !a.categories.contains(c)) {
        a.categories.add(c);
      }
      if (bad[i]) {
        a.bads++;
      } else {
        a.goods++;
      }
    }
    if (groups != null && !groups.isEmpty()) {
      if (!byCategory.isEmpty()) {
        Acc other = new Acc();
        other.categories = new ArrayList<>();
        byCategory.values().forEach(other::absorb);
        result.add(other);
      }
      // a listed group with no training row still scores: keep its declared categories
      for (int gi = 0; gi < groups.size(); gi++) {
        Acc a = result.get(gi);
        for (String c : groups.get(gi)) {
          if (!a.categories.contains(c)) {
            a.categories.add(c);
          }
        }
      }
      result.removeIf(a -> a.categories.isEmpty());
      return result;
    }
    result.addAll(byCategory.values());
    result.forEach(a -> a.categories.sort(Comparator.naturalOrder()));
    return result;
  }
}
