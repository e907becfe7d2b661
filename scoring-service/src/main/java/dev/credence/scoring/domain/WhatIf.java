package dev.credence.scoring.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * "What would raise my score by N points?" computed from the model itself: the smallest set of
 * changes to the subject's own feature values — fewest features changed, then fewest changes that
 * only time can make ({@link FeatureCatalog.Lever#TIME}), then fewest bins moved — whose extra
 * points reach the target. Only numeric features with a known value are changed (a missing value
 * has no direction to move in), and only in the direction the feature can really move ({@link
 * FeatureCatalog.Direction}: account age only grows, inquiries, past delinquency, public records
 * and late payments only fall, whatever the model's bins would reward); each change names the bin
 * edge to cross and whether the person can make it now. Opening accounts is applying for credit:
 * each account opened adds a hard inquiry, and a plan's points count what those inquiries cost
 * under the same model. Closing accounts is proposed only as far as the file holds accounts whose
 * closing changes nothing else the model scores ({@link AccountClosing}): closing a credit card
 * takes its limit out of the utilisation, so "close an account: +11" could cost more than it gains.
 * Among equally small plans the one that overshoots the target least wins. {@link #actNow} is the
 * same search over the features a person can move now only.
 */
public final class WhatIf {

  /**
   * One change: move {@code feature} from its value to {@code target} to gain the points. {@code
   * hardInquiriesAdded} is the number of hard inquiries the change brings with it (one per account
   * opened); {@code pointsGained} is net of what they cost. {@code accountsClosed} is the number of
   * accounts the change closes, each one whose closing changes no other feature of the model.
   * {@code reachedOn}, for a change only time makes, is when it happens by itself ({@link
   * Waiting}); null when not known or not by waiting alone.
   */
  public record Change(
      String feature,
      String label,
      String reasonCode,
      String reasonText,
      Object from,
      String target,
      double suggestedValue,
      int pointsGained,
      String howToChange,
      FeatureCatalog.Lever lever,
      int hardInquiriesAdded,
      int accountsClosed,
      java.time.LocalDate reachedOn) {

    /** The same change, happening by itself on {@code date}. */
    public Change reachedOn(java.time.LocalDate date) {
      return new Change(
          feature,
          label,
          reasonCode,
          reasonText,
          from,
          target,
          suggestedValue,
          pointsGained,
          howToChange,
          lever,
          hardInquiriesAdded,
          accountsClosed,
          date);
    }
  }

  /** The plan; when the target is out of reach it holds the largest attainable gain. */
  public record Plan(
      int targetPoints,
      boolean reachable,
      int currentScore,
      int projectedScore,
      List<Change> changes) {}

  /**
   * Moving one feature to bin {@code bin} (value {@code suggested}): the points it gains by itself,
   * the bins it moves, whether only time makes it, and how many accounts it opens.
   */
  private record Option(
      Contribution contribution,
      int bin,
      double suggested,
      int gain,
      int moves,
      boolean timeOnly,
      int opened,
      int closed) {

    boolean inquiries() {
      return contribution.feature().name().equals(FeatureCatalog.HARD_INQUIRIES_12M);
    }
  }

  private WhatIf() {}

  /** The smallest plan, closing no account (the file's accounts unknown). */
  public static Plan plan(ScoreResult current, int targetPoints) {
    return plan(current, targetPoints, 0);
  }

  /**
   * The smallest plan; it closes at most {@code closableAccounts} accounts, the number the file
   * holds whose closing changes no other feature of the model ({@link AccountClosing}).
   */
  public static Plan plan(ScoreResult current, int targetPoints, int closableAccounts) {
    return plan(current, targetPoints, false, closableAccounts);
  }

  /** {@link #actNow(ScoreResult, int, int)}, closing no account. */
  public static Plan actNow(ScoreResult current, int targetPoints) {
    return actNow(current, targetPoints, 0);
  }

  /**
   * The smallest plan that uses only features the person can move now ({@link
   * FeatureCatalog.Lever#ACTION}); when those cannot reach the target, the largest gain they can.
   */
  public static Plan actNow(ScoreResult current, int targetPoints, int closableAccounts) {
    return plan(current, targetPoints, true, closableAccounts);
  }

  private static Plan plan(
      ScoreResult current, int targetPoints, boolean actionOnly, int closableAccounts) {
    if (targetPoints < 1) {
      throw new IllegalArgumentException("targetPoints must be at least 1");
    }
    if (closableAccounts < 0) {
      throw new IllegalArgumentException("closableAccounts must be at least 0");
    }
    List<List<Option>> perFeature = new ArrayList<>();
    Contribution inquiries = null;
    for (Contribution c : current.contributions()) {
      if (c.feature().name().equals(FeatureCatalog.HARD_INQUIRIES_12M)) {
        inquiries = c;
      }
      boolean timeOnly = FeatureCatalog.lever(c.feature().name()) == FeatureCatalog.Lever.TIME;
      if (actionOnly && timeOnly) {
        continue;
      }
      List<Option> options = options(c, timeOnly, closableAccounts);
      if (!options.isEmpty()) {
        perFeature.add(options);
      }
    }
    Search search = new Search(targetPoints, new Costs(inquiries));
    search.explore(perFeature, 0, new ArrayList<>(), 0);
    List<Option> chosen = search.best != null ? search.best : search.largest;
    int inquiryCost = search.costs.inquiryCost(chosen);
    int gained = search.costs.gain(chosen);
    List<Change> changes =
        chosen.stream()
            .map(
                o -> {
                  ScorecardFeature f = o.contribution().feature();
                  return new Change(
                      f.name(),
                      FeatureCatalog.definition(f.name())
                          .map(FeatureCatalog.Definition::label)
                          .orElse(f.reasonText()),
                      f.reasonCode(),
                      f.reasonText(),
                      o.contribution().value(),
                      target((Double) o.contribution().value(), f.bins().get(o.bin())),
                      o.suggested(),
                      o.gain() + (o.opened() > 0 ? inquiryCost : 0),
                      FeatureCatalog.definition(f.name())
                          .map(FeatureCatalog.Definition::howToChange)
                          .orElse(null),
                      FeatureCatalog.lever(f.name()),
                      o.opened(),
                      o.closed(),
                      null);
                })
            .toList();
    return new Plan(
        targetPoints, search.best != null, current.score(), current.score() + gained, changes);
  }

  /**
   * The bins a known numeric value can move to, in its feature's direction, that gain points; for
   * open accounts, down only as far as {@code closable} accounts can be closed.
   */
  private static List<Option> options(Contribution c, boolean timeOnly, int closable) {
    List<Option> options = new ArrayList<>();
    FeatureCatalog.Direction direction = FeatureCatalog.direction(c.feature().name());
    if (direction == null
        || c.missing()
        || !(c.value() instanceof Double value)
        || c.feature().type() != ScorecardFeature.FeatureType.NUMERIC) {
      return options;
    }
    boolean opensAccounts = c.feature().name().equals(FeatureCatalog.OPEN_ACCOUNTS);
    List<Bin> bins = c.feature().bins();
    for (int j = 0; j < bins.size(); j++) {
      Bin bin = bins.get(j);
      boolean up = j > c.binIndex();
      boolean down = j < c.binIndex();
      if ((!up && !down)
          || (up && direction == FeatureCatalog.Direction.DOWN)
          || (down && direction == FeatureCatalog.Direction.UP)
          // every catalogue feature is a count, an age or a share: never below 0
          || (bin.upper() != null && bin.upper() <= 0)) {
        continue;
      }
      int gain = bin.points() - c.points();
      if (gain > 0) {
        double suggested = nearestInside(value, bin);
        int opened = opensAccounts && up ? (int) Math.ceil(suggested - value) : 0;
        int closed = opensAccounts && down ? (int) Math.ceil(value - suggested) : 0;
        if (closed > closable) {
          continue;
        }
        options.add(
            new Option(
                c, j, suggested, gain, Math.abs(j - c.binIndex()), timeOnly, opened, closed));
      }
    }
    return options;
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

  /**
   * A plan's points: each change's own gain plus, when it opens accounts, what their hard inquiries
   * cost on the model's inquiry feature (from the plan's inquiry value, or the current one).
   */
  private record Costs(Contribution inquiries) {

    int gain(List<Option> picked) {
      int gain = 0;
      for (Option o : picked) {
        gain += o.gain();
      }
      return gain + inquiryCost(picked);
    }

    int inquiryCost(List<Option> picked) {
      int opened = 0;
      Option inquiryChange = null;
      for (Option o : picked) {
        opened += o.opened();
        if (o.inquiries()) {
          inquiryChange = o;
        }
      }
      if (opened == 0 || inquiries == null) {
        return 0;
      }
      ScorecardFeature f = inquiries.feature();
      double before;
      int pointsBefore;
      if (inquiryChange != null) {
        before = inquiryChange.suggested();
        pointsBefore = f.bins().get(inquiryChange.bin()).points();
      } else {
        before = inquiries.value() instanceof Double d ? d : 0.0;
        pointsBefore = inquiries.points();
      }
      double after = Math.min(before + opened, FeatureExtractor.HARD_INQUIRY_CAP);
      int bin = f.binIndexOf(after);
      return (bin < 0 ? f.missingPoints() : f.bins().get(bin).points()) - pointsBefore;
    }
  }

  /** Exhaustive over a handful of features and bins: at most (bins + 1) ^ features combinations. */
  private static final class Search {
    final int target;
    final Costs costs;
    List<Option> best;
    int bestCount = Integer.MAX_VALUE;
    int bestTimeOnly = Integer.MAX_VALUE;
    int bestMoves = Integer.MAX_VALUE;
    int bestGain = Integer.MAX_VALUE;
    List<Option> largest = List.of();
    int largestGain;

    Search(int target, Costs costs) {
      this.target = target;
      this.costs = costs;
    }

    void explore(List<List<Option>> features, int index, List<Option> picked, int moves) {
      int gain = costs.gain(picked);
      int timeOnly = (int) picked.stream().filter(Option::timeOnly).count();
      if (gain > largestGain || (gain == largestGain && picked.size() < largest.size())) {
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
      explore(features, index + 1, picked, moves);
      for (Option option : features.get(index)) {
        picked.add(option);
        explore(features, index + 1, picked, moves + option.moves());
        picked.remove(picked.size() - 1);
      }
    }
  }
}
