package dev.credence.trainer.binning;

import java.util.List;

/**
 * One bin of a feature with its training counts and weight of evidence {@code WoE = ln((goods/G) /
 * (bads/B))} (positive = safer than average). An empty count is smoothed with 0.5 so the WoE stays
 * finite.
 */
public record BinStat(
    Kind kind,
    Double lower,
    Double upper,
    List<String> categories,
    int goods,
    int bads,
    double woe) {

  public enum Kind {
    INTERVAL,
    CATEGORIES,
    SPECIAL,
    MISSING
  }

  public int count() {
    return goods + bads;
  }

  public double badRate() {
    return count() == 0 ? Double.NaN : (double) bads / count();
  }

  public BinStat withWoe(double w) {
    return new BinStat(kind, lower, upper, categories, goods, bads, w);
  }

  public String label() {
    return switch (kind) {
      case MISSING -> "missing";
      case SPECIAL -> "special " + String.join("|", categories);
      case CATEGORIES -> String.join(" | ", categories);
      case INTERVAL -> "[" + fmt(lower, "-inf") + ", " + fmt(upper, "+inf") + ")";
    };
  }

  private static String fmt(Double d, String none) {
    if (d == null) {
      return none;
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
  }

  /** WoE of a bin with these counts in a population of {@code totalGoods} and {@code totalBads}. */
  public static double woe(int goods, int bads, int totalGoods, int totalBads) {
    double g = goods == 0 ? 0.5 : goods;
    double b = bads == 0 ? 0.5 : bads;
    return Math.log((g / totalGoods) / (b / totalBads));
  }
}
