package dev.credence.scoring.domain;

import java.util.List;

/**
 * A numeric bin is the half-open interval {@code [lower, upper)}, a null end being unbounded; a
 * categorical bin lists its categories. {@code woe} optionally records the weight of evidence the
 * points were derived from (documentation; the points are authoritative).
 */
public record Bin(Double lower, Double upper, List<String> categories, Integer points, Double woe) {

  public boolean contains(Object value) {
    if (value instanceof Double x) {
      return categories == null && (lower == null || x >= lower) && (upper == null || x < upper);
    }
    if (value instanceof String s) {
      return categories != null && categories.contains(s);
    }
    return false;
  }

  public String label() {
    if (categories != null) {
      return String.join("|", categories);
    }
    return "["
        + (lower == null ? "-inf" : fmt(lower))
        + ", "
        + (upper == null ? "+inf" : fmt(upper))
        + ")";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
