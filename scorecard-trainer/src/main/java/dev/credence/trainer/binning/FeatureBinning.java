package dev.credence.trainer.binning;

import dev.credence.trainer.data.Dataset;
import java.util.List;

/**
 * A binned feature: its ordinary bins (intervals in order, or category groups), then its special
 * bins, then always the missing bin last. A value falls in exactly one of them; an unparseable
 * number or an unseen category falls in the missing bin, exactly as in scoring-service.
 */
public record FeatureBinning(
    String name, Type type, Monotonic monotonic, List<BinStat> bins, double iv) {

  public enum Type {
    NUMERIC,
    CATEGORICAL
  }

  public enum Monotonic {
    INCREASING,
    DECREASING,
    NONE
  }

  public int missingIndex() {
    return bins.size() - 1;
  }

  /** Number of ordinary (interval or category) bins, i.e. excluding special and missing. */
  public int ordinaryCount() {
    return (int)
        bins.stream()
            .filter(b -> b.kind() == BinStat.Kind.INTERVAL || b.kind() == BinStat.Kind.CATEGORIES)
            .count();
  }

  public int indexOf(String raw) {
    if (raw == null) {
      return missingIndex();
    }
    for (int i = 0; i < bins.size(); i++) {
      BinStat b = bins.get(i);
      if (b.kind() == BinStat.Kind.SPECIAL && matchesSpecial(b, raw)) {
        return i;
      }
    }
    if (type == Type.CATEGORICAL) {
      for (int i = 0; i < bins.size(); i++) {
        BinStat b = bins.get(i);
        if (b.kind() == BinStat.Kind.CATEGORIES && b.categories().contains(raw)) {
          return i;
        }
      }
      return missingIndex();
    }
    Double x = Dataset.parse(raw);
    if (x == null) {
      return missingIndex();
    }
    for (int i = 0; i < bins.size(); i++) {
      BinStat b = bins.get(i);
      if (b.kind() == BinStat.Kind.INTERVAL
          && (b.lower() == null || x >= b.lower())
          && (b.upper() == null || x < b.upper())) {
        return i;
      }
    }
    return missingIndex();
  }

  private boolean matchesSpecial(BinStat b, String raw) {
    if (b.categories().contains(raw)) {
      return true;
    }
    Double x = Dataset.parse(raw);
    if (x == null || type != Type.NUMERIC) {
      return false;
    }
    return b.categories().stream().map(Dataset::parse).anyMatch(s -> s != null && s.equals(x));
  }

  public double woeOf(String raw) {
    return bins.get(indexOf(raw)).woe();
  }
}
