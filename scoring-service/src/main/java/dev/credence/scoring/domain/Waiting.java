package dev.credence.scoring.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a change that only time makes ({@link FeatureCatalog.Lever#TIME}) happens by itself: the
 * first month-end step at which the feature, computed by the same {@link FeatureExtractor} from the
 * file as it will be, falls in the target bin, if from now on every account still being reported is
 * paid on time and nothing else is added (no new inquiry, record or account).
 *
 * <p>The file as it will be: an account reported in the last {@link #STILL_REPORTED_DAYS} days and
 * not closed is reported again each month, on time (a {@code 0} added at the front of its payment
 * history, status current); every other record stays as it is and leaves the windows as its dates
 * age. Nothing here restates a window: the extractor decides what still counts. An account still
 * reported as past due is not paid on time by waiting, so then no date is given for the worst
 * delinquency (the account must be brought current first); the other features still get theirs.
 */
public final class Waiting {
  /** How far ahead the search looks; beyond it no date is given. */
  public static final int HORIZON_MONTHS = 240;

  /** An open account reported this recently is taken to go on being reported monthly. */
  public static final int STILL_REPORTED_DAYS = 92;

  private static final String CURRENT = "11";

  private Waiting() {}

  /**
   * The first date, a whole number of months after {@code asOf} and at most {@link #HORIZON_MONTHS}
   * ahead, at which {@code feature} falls in {@code target}; empty when waiting alone does not get
   * there in that time.
   */
  public static Optional<LocalDate> reached(
      PersonFile file, LocalDate asOf, String feature, Bin target, FeatureExtractor extractor) {
    if (feature.equals(FeatureCatalog.WORST_DELINQUENCY_24M) && pastDueNow(file, asOf)) {
      return Optional.empty();
    }
    if (feature.equals(FeatureCatalog.HARD_INQUIRIES_12M) && file.hardInquiriesInWindow() != null) {
      return Optional.empty(); // a count has no dates to age out: the caller must give the dates
    }
    for (int k = 1; k <= HORIZON_MONTHS; k++) {
      LocalDate at = asOf.plusMonths(k);
      Object value = extractor.extract(onTime(file, asOf, k), at).features().value(feature);
      if (value != null && target.contains(value)) {
        return Optional.of(at);
      }
    }
    return Optional.empty();
  }

  /**
   * The plan with each change only time makes dated ({@link WhatIf.Change#reachedOn}): when its
   * feature reaches the change's target bin by itself. {@code file} must give the hard inquiries as
   * dates.
   */
  public static WhatIf.Plan dated(
      WhatIf.Plan plan,
      Scorecard card,
      PersonFile file,
      LocalDate asOf,
      FeatureExtractor extractor) {
    List<WhatIf.Change> changes = new ArrayList<>(plan.changes().size());
    for (WhatIf.Change c : plan.changes()) {
      ScorecardFeature feature =
          card.features().stream()
              .filter(f -> f.name().equals(c.feature()))
              .findFirst()
              .orElse(null);
      int bin = feature == null ? -1 : feature.binIndexOf(c.suggestedValue());
      if (c.lever() != FeatureCatalog.Lever.TIME || bin < 0) {
        changes.add(c);
        continue;
      }
      changes.add(
          c.reachedOn(
              reached(file, asOf, c.feature(), feature.bins().get(bin), extractor).orElse(null)));
    }
    return new WhatIf.Plan(
        plan.targetPoints(),
        plan.reachable(),
        plan.currentScore(),
        plan.projectedScore(),
        List.copyOf(changes));
  }

  private static boolean stillReported(LocalDate reportedOn, LocalDate asOf) {
    return !reportedOn.isAfter(asOf) && !reportedOn.isBefore(asOf.minusDays(STILL_REPORTED_DAYS));
  }

  private static boolean pastDueNow(PersonFile file, LocalDate asOf) {
    for (Tradeline t : file.tradelines()) {
      Integer dpd = AccountStatus.daysPastDue(t.accountStatus());
      if (t.isOpen() && stillReported(t.reportedOn(), asOf) && dpd != null && dpd > 0) {
        return true;
      }
    }
    return false;
  }

  /** The file {@code months} from {@code asOf}, every account still reported paid on time. */
  static PersonFile onTime(PersonFile file, LocalDate asOf, int months) {
    List<Tradeline> tradelines = new ArrayList<>();
    for (Tradeline t : file.tradelines()) {
      Integer dpd = AccountStatus.daysPastDue(t.accountStatus());
      boolean current = dpd == null || dpd == 0;
      if (t.isOpen() && current && stillReported(t.reportedOn(), asOf)) {
        tradelines.add(
            new Tradeline(
                t.accountType(),
                t.openedOn(),
                t.creditLimit(),
                t.originalAmount(),
                t.currentBalance(),
                t.accountStatus() == null ? null : CURRENT,
                onTimeHistory(t.paymentHistoryProfile(), months),
                t.dateOfFirstDelinquency(),
                null,
                t.reportedOn().plusMonths(months)));
      } else {
        tradelines.add(t);
      }
    }
    List<AltPayment> altPayments = null;
    if (file.altPayments() != null) {
      altPayments = new ArrayList<>();
      for (AltPayment a : file.altPayments()) {
        altPayments.add(
            a.closedOn() == null && stillReported(a.reportedOn(), asOf)
                ? new AltPayment(
                    a.accountType(),
                    a.openedOn(),
                    onTimeHistory(a.paymentHistoryProfile(), months),
                    null,
                    a.reportedOn().plusMonths(months))
                : a);
      }
    }
    return new PersonFile(
        tradelines,
        file.publicRecords(),
        altPayments,
        file.hardInquiries(),
        file.hardInquiriesInWindow());
  }

  /** {@code months} on-time months in front of the profile (position 1 is the latest month). */
  private static String onTimeHistory(String profile, int months) {
    if (profile == null) {
      return null;
    }
    String history = "0".repeat(months) + profile;
    return history.substring(0, Math.min(history.length(), Math.max(24, profile.length())));
  }
}
