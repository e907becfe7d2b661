package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which open accounts the what-if may propose closing: those whose closing changes nothing else.
 */
class AccountClosingTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
  private final FeatureExtractor extractor = new FeatureExtractor();
  private final Scorecard starter = TestModels.starter();

  private static Tradeline account(String type, Double limit, double balance, LocalDate reported) {
    return new Tradeline(
        type,
        LocalDate.of(2012, 5, 1),
        limit,
        limit == null ? 8000.0 : null,
        balance,
        "11",
        "000000000000000000000000",
        null,
        null,
        reported);
  }

  private static Tradeline card(double limit, double balance) {
    return account("REVOLVING", limit, balance, AS_OF.minusDays(5));
  }

  private static Tradeline loan(double balance) {
    return account("INSTALLMENT", null, balance, AS_OF.minusDays(5));
  }

  private int closable(Scorecard card, List<Tradeline> tradelines) {
    return AccountClosing.closableWithoutSideEffects(
        card, new PersonFile(tradelines, List.of(), List.of(), List.of()), AS_OF, extractor);
  }

  @Test
  void loansCanBeClosedButACardWithABalanceCannot() {
    // closing the card takes its limit out of the utilisation: 1200 / 5000 -> no revolving account
    assertEquals(2, closable(starter, List.of(card(5000, 1200), loan(3000), loan(0))));
  }

  @Test
  void aZeroBalanceCardNextToACardWithABalanceRaisesTheUtilisationWhenClosed() {
    // 1000 / 6000 = 16.7 % -> 1000 / 5000 = 20 %
    assertEquals(0, closable(starter, List.of(card(5000, 1000), card(1000, 0))));
  }

  @Test
  void twoZeroBalanceCardsAloneCountOnceClosingBothLeavesNoUtilisationAtAll() {
    // each alone could go (0 % stays 0 %); both together leave no limit, so no utilisation
    assertEquals(1, closable(starter, List.of(card(5000, 0), card(1000, 0))));
  }

  @Test
  void closedAccountsAndAccountsReportedAfterTheAsOfDateAreNotCandidates() {
    Tradeline closed =
        new Tradeline(
            "INSTALLMENT",
            LocalDate.of(2010, 1, 1),
            null,
            5000.0,
            0.0,
            "13",
            "000000000000000000000000",
            null,
            LocalDate.of(2020, 1, 1),
            AS_OF.minusDays(5));
    Tradeline later = account("INSTALLMENT", null, 100, AS_OF.plusDays(1));
    assertEquals(1, closable(starter, List.of(card(5000, 1200), loan(10), closed, later)));
  }

  @Test
  void aModelThatDoesNotScoreOpenAccountsGetsNone() {
    List<ScorecardFeature> withoutOpenAccounts = new ArrayList<>(starter.features());
    withoutOpenAccounts.removeIf(f -> f.name().equals(FeatureCatalog.OPEN_ACCOUNTS));
    Scorecard card =
        new Scorecard(
            starter.id(),
            starter.version(),
            starter.subjectType(),
            starter.description(),
            starter.provenance(),
            starter.scaling(),
            starter.bands(),
            starter.minimumScoringCriteria(),
            withoutOpenAccounts);
    assertEquals(0, closable(card, List.of(loan(10), loan(20))));
  }

  /**
   * Closing the accounts the count names really leaves every other feature of the model as it was.
   */
  @Test
  void closingTheCountedAccountsChangesOnlyOpenAccounts() {
    List<Tradeline> file = List.of(card(5000, 1200), card(2000, 0), loan(3000), loan(0));
    FeatureVector before =
        extractor.extract(new PersonFile(file, List.of(), List.of(), List.of()), AS_OF).features();
    int n = closable(starter, file);
    assertEquals(2, n);
    List<Tradeline> closedLoans = new ArrayList<>();
    for (Tradeline t : file) {
      closedLoans.add(t.isRevolving() ? t : t.closedAsOf(AS_OF));
    }
    FeatureVector after =
        extractor
            .extract(new PersonFile(closedLoans, List.of(), List.of(), List.of()), AS_OF)
            .features();
    for (ScorecardFeature f : starter.features()) {
      if (f.name().equals(FeatureCatalog.OPEN_ACCOUNTS)) {
        assertEquals((Double) before.value(f.name()) - n, (Double) after.value(f.name()), f.name());
      } else {
        assertEquals(before.value(f.name()), after.value(f.name()), f.name());
      }
    }
  }
}
