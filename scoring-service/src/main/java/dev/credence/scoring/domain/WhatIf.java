package dev.credence.scoring.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * "What would raise my score by N points?" computed from the model itself: the smallest set of
 * changes to the subject's own feature values — fewest features changed, then fewest changes that
 * only time can make ({@link FeatureCatalog.Lever#TIME}), then fewest bins moved — whose extra
 * points reach the target. Only numeric features with a known value are changed (a missing value
 * has no direction to move in); each change names the bin edge to cross and whether the person can
 * make it now. Among equally small plans the one that overshoots the target least wins. {@link
 * #actNow} is the same search over the features a person can move now only.
 */
public final class WhatIf {

  /** One change: move {@code feature} from its value to {@code target} to gain the points. */
  public record Change(
      String feature,
      String reasonCode,
      String reasonText,
      Object from,
      String target,
      double suggestedValue,
      int pointsGained,
      String howToChange,
      FeatureCatalog.Lever lever) {}

  /** The plan; when the target is out of reach it holds the largest attainable gain. */
  public record Plan(
      int targetPoints,
      boolean reachable,
      int currentScore,
      int projectedScore,
      List<Change> changes) {}

  private record Option(
      Contribution contribution, int bin, int gain, int moves, boolean timeOnly) {}

  private WhatIf() {}

  public static Plan plan(ScoreResult current, int targetPoints) {
    return plan(current, targetPoints, false);
  }

  /**
   * The smallest plan that uses only features the person can move now ({@link
   * FeatureCatalog.Lever#ACTION}); when those cannot reach the target, the largest gain they can.
   */
  public static Plan actNow(ScoreResult current, int targetPoints) {
    return plan(current, targetPoints, true);
  }

  private static Plan plan(ScoreResult current, int targetPoints, boolean actionOnly) {
    if (targetPoints < 1) {
      throw new IllegalArgumentException("targetPoints must be at least 1");
    }
    List<List<Option>> perFeature = new ArrayList<>();
    for (Contribution c : current.contributions()) {
      List<Option> options = new ArrayList<>();
      boolean timeOnly = FeatureCatalog.lever(c.feature().name()) == FeatureCatalog.Lever.TIME;
      if (actionOnly && timeOnly) {
        continue;
      }
      if (!c.missing()
          && c.value() instanceof Double
          && c.feature().type() == ScorecardFeature.FeatureType.NUMERIC) {
        List<Bin> bins = c.feature().bins();
        for (int j = 0; j < bins.size(); j++) {
          int gain = bins.get(j).points() - c.points();
          if (gain > 0) {
            options.add(new Option(c, j, gain, Math.abs(j - c.binIndex()), timeOnly));
          }
        }
      }
      if (!options.isEmpty()) {
        perFeature.add(options);
      }
    }
    Search search = new Search(targetPoints);
    search.explore(perFeature, 0, new ArrayList<>(), 0, 0);
    List<Option> chosen = search.best != null ? search.best : search.largest;
    int gained = chosen.stream().mapToInt(Option::gain).sum();
    List<Change> changes =
        chosen.stream()
            .map(
                o ->
                    new Change(
                        o.contribution().feature().name(),
                        o.contribution().feature().reasonCode(),
                        o.contribution().feature().reasonText(),
                        o.contribution().value(),
                        target(
                            (Double) o.contribution().value(),
                            o.contribution().feature().bins().get(o.bin())),
                        nearestInside(
                            (Double) o.contribution().value(),
                            o.contribution().feature().bins().get(o.bin())),
                        o.gain(),
                        FeatureCatalog.definition(o.contribution().feature().name())
                            .map(FeatureCatalog.Definition::howToChange)
                            .orElse(null),
                        FeatureCatalog.lever(o.contribution().feature().name())))
            .toList();
    return new Plan(
        targetPoints, search.best != null, current.score(), current.score() + gained, changes);
  }

  /** The bound to cross to land in {@code bin} from {@code value}. */
  static String target(double value, Bin bin) {
    if (bin.lower() != null && value < bin.lower()) {
      return "at least "
          + number(bin.lower())
          + (bin.upper() == null ? "" : " and below " + number(bin.upper()));
    }
    if (bin.upper() != null && value >= bin.upper()) {
      return "below "
          + number(bin.upper())
          + (bin.lower() == null ? "" : " and at least " + number(bin.lower()));
    }
    return bin.label();
  }

  /** The value inside {@code bin} closest to {@code value}. */
  static double nearestInside(double value, Bin bin) {
    if (bin.lower() != null && value < bin.lower()) {
      return bin.lower();
    }
    if (bin.upper() != null && value >= bin.upper()) {
      double below = Math.ceil(bin.upper()) - 1;
      return bin.lower() == null || below >= bin.lower() ? below : Math.nextDown(bin.upper());
    }
    return value;
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** Exhaustive over a handful of features and bins: at most (bins + 1) ^ features combinations. */
  private static final class Search {
    final int target;
    List<Option> best;
    int bestCount = Integer.MAX_VALUE;
    int bestTimeOnly = Integer.MAX_VALUE;
    int bestMoves = Integer.MAX_VALUE;
    int bestGain = Integer.MAX_VALUE;
    List<Option> largest = List.of();
    int largestGain;

    Search(int target) {
      this.target = target;
    }

    void explore(List<List<Option>> features, int index, List<Option> picked, int gain, int moves) {
      int timeOnly = (int) picked.stream().filter(Option::timeOnly).count();
      if (gain > largestGain) {
        largestGain = gain;
        largest = List.copyOf(picked);
      }
      if (gain >= target) {
        int c = Integer.compare(picked.size(), bestCount);
        if (c == 0) {
          c = Integer.compare(timeOnly, bestTimeOnly);
        }
        if (c == 0) {
          c = Integer.compare(moves, bestMoves);
        }
        if (c == 0) {
          c = Integer.compare(gain, bestGain);
        }
        if (c < 0) {
          best = List.copyOf(picked);
          bestCount = picked.size();
          bestTimeOnly = timeOnly;
          bestMoves = moves;
          bestGain = gain;
        }
        return; // adding more changes can only be worse
      }
      if (index == features.size() || picked.size() >= bestCount) {
        return;
      }
      explore(features, index + 1, picked, gain, moves);
      for (Option option : features.get(index)) {
        picked.add(option);
        explore(features, index + 1, picked, gain + option.gain(), moves + option.moves());
        picked.remove(picked.size() - 1);
      }
    }
  }
}
