package dev.credence.scoring.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How many of a person's open accounts could be closed without changing anything else the model
 * scores. The what-if may propose fewer open accounts only that far: closing a credit card takes
 * its limit out of the utilisation (and closing the last one leaves no utilisation at all), so a
 * plan that counted only the open-accounts bin could promise points the closing takes back.
 *
 * <p>Nothing here restates a feature rule: each candidate is closed as of the as-of date and the
 * file is run through the same {@link FeatureExtractor}; it counts only when every feature of the
 * model but {@code open_accounts} comes out the same. The accounts are closed cumulatively (each
 * next one on top of those already counted), so the count holds for closing them together: two
 * zero-balance cards may each be closable alone while closing both leaves no limit at all. Loans
 * and accounts without a limit are tried first, then revolving accounts, largest limit last.
 */
public final class AccountClosing {
  private AccountClosing() {}

  public static int closableWithoutSideEffects(
      Scorecard card, PersonFile file, LocalDate asOf, FeatureExtractor extractor) {
    boolean scoresOpenAccounts =
        card.features().stream().anyMatch(f -> f.name().equals(FeatureCatalog.OPEN_ACCOUNTS));
    if (!scoresOpenAccounts) {
      return 0;
    }
    FeatureVector before = extractor.extract(file, asOf).features();
    List<Tradeline> tradelines = new ArrayList<>(file.tradelines());
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < tradelines.size(); i++) {
      Tradeline t = tradelines.get(i);
      if (t.isOpen() && !t.reportedOn().isAfter(asOf)) {
        candidates.add(i);
      }
    }
    candidates.sort(
        Comparator.comparing((Integer i) -> hasLimit(tradelines.get(i)))
            .thenComparing(i -> limit(tradelines.get(i))));
    int closable = 0;
    for (int i : candidates) {
      Tradeline open = tradelines.get(i);
      tradelines.set(i, open.closedAsOf(asOf));
      FeatureVector after =
          extractor
              .extract(
                  new PersonFile(
                      tradelines,
                      file.publicRecords(),
                      file.altPayments(),
                      file.hardInquiries(),
                      file.hardInquiriesInWindow()),
                  asOf)
              .features();
      if (sameButOpenAccounts(card, before, after)) {
        closable++;
      } else {
        tradelines.set(i, open); // this one stays open; try the next on the same file
      }
    }
    return closable;
  }

  private static boolean hasLimit(Tradeline t) {
    return t.isRevolving() && t.creditLimit() != null && t.creditLimit() > 0;
  }

  private static double limit(Tradeline t) {
    return t.creditLimit() == null ? 0 : t.creditLimit();
  }

  private static boolean sameButOpenAccounts(Scorecard card, FeatureVector a, FeatureVector b) {
    for (ScorecardFeature f : card.features()) {
      if (!f.name().equals(FeatureCatalog.OPEN_ACCOUNTS)
          && !Objects.equals(a.value(f.name()), b.value(f.name()))) {
        return false;
      }
    }
    return true;
  }
}
