package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
  final FeatureExtractor extractor = new FeatureExtractor();

  static Tradeline tradeline(
      String type,
      Double limit,
      Double balance,
      String status,
      String profile,
      LocalDate reportedOn) {
    return new Tradeline(
        type,
        LocalDate.of(2020, 1, 15),
        limit,
        null,
        balance,
        status,
        profile,
        null,
        null,
        reportedOn);
  }

  static Tradeline current(String type, Double limit, Double balance) {
    return tradeline(type, limit, balance, "11", "000000000000000000000000", AS_OF.minusDays(10));
  }

  Object feature(List<Tradeline> tradelines, String name) {
    return extractor.extract(tradelines, List.of(), AS_OF).features().value(name);
  }

  @Test
  void utilisationIsTheBalanceOverTheLimitOfOpenRevolvingAccounts() {
    List<Tradeline> file =
        List.of(
            current("REVOLVING", 1000.0, 500.0),
            current("LINE_OF_CREDIT", 3000.0, 1500.0),
            current("INSTALLMENT", 20000.0, 15000.0),
            tradeline("REVOLVING", 5000.0, 5000.0, "13", null, AS_OF.minusDays(5)));

    assertEquals(50.0, feature(file, FeatureCatalog.REVOLVING_UTILISATION));
  }

  @Test
  void utilisationIsRoundedToOneDecimal() {
    assertEquals(
        33.3,
        feature(
            List.of(current("REVOLVING", 3000.0, 1000.0)), FeatureCatalog.REVOLVING_UTILISATION));
  }

  @Test
  void utilisationIsMissingWithoutAnOpenRevolvingAccount() {
    assertNull(
        feature(
            List.of(current("MORTGAGE", 200000.0, 150000.0)),
            FeatureCatalog.REVOLVING_UTILISATION));
  }

  @Test
  void worstDelinquencyIsReadFromThePaymentHistoryProfile() {
    // position 4 (four months before the reporting month) was 60 days late
    Tradeline t =
        tradeline("REVOLVING", 1000.0, 0.0, "11", "000200000000000000000000", AS_OF.minusDays(3));

    assertEquals(60.0, feature(List.of(t), FeatureCatalog.WORST_DELINQUENCY_24M));
  }

  @Test
  void worstDelinquencyTakesTheWorstOfAllAccountsAndTheCurrentStatus() {
    Tradeline late =
        tradeline("REVOLVING", 1000.0, 900.0, "80", "000000000000000000000000", AS_OF.minusDays(3));
    Tradeline history =
        tradeline("INSTALLMENT", null, 100.0, "11", "010000000000000000000000", AS_OF.minusDays(3));

    assertEquals(90.0, feature(List.of(late, history), FeatureCatalog.WORST_DELINQUENCY_24M));
  }

  @Test
  void worstDelinquencyIgnoresMonthsOlderThanTwentyFourMonths() {
    // reported a year ago: positions 13..24 lie 25..36 months before the as-of date
    Tradeline t =
        tradeline(
            "REVOLVING", 1000.0, 0.0, "11", "000000000000006600000000", AS_OF.minusMonths(12));

    assertEquals(0.0, feature(List.of(t), FeatureCatalog.WORST_DELINQUENCY_24M));
  }

  @Test
  void worstDelinquencyIsMissingWhenTheHistoryHoldsNoData() {
    Tradeline t =
        tradeline("REVOLVING", 1000.0, 0.0, null, "BBBBDDDD----CCCCBBBBDDDD", AS_OF.minusDays(3));

    assertNull(feature(List.of(t), FeatureCatalog.WORST_DELINQUENCY_24M));
  }

  @Test
  void aZeroBalanceCurrentHistoryIsNoDelinquencyRatherThanNoData() {
    // E: zero balance and current, as a card paid in full every month is reported
    Tradeline t =
        tradeline("REVOLVING", 1000.0, 0.0, null, "EEEEEEEEEEEEEEEEEEEEEEEE", AS_OF.minusDays(3));

    assertEquals(0.0, feature(List.of(t), FeatureCatalog.WORST_DELINQUENCY_24M));
  }

  @Test
  void foreclosureSurrenderAndRepossessionStatusesAreDerogatoryClosedAndOneHundredEightyDays() {
    for (String status : List.of("94", "95", "96")) {
      List<Tradeline> file =
          List.of(
              current("REVOLVING", 1000.0, 100.0),
              tradeline("LINE_OF_CREDIT", 1000.0, 900.0, status, null, AS_OF.minusDays(3)));

      assertEquals(1.0, feature(file, FeatureCatalog.DEROGATORY_ACCOUNTS), status);
      assertEquals(180.0, feature(file, FeatureCatalog.WORST_DELINQUENCY_24M), status);
      assertEquals(1.0, feature(file, FeatureCatalog.OPEN_ACCOUNTS), status);
      // the written-off line's balance is no utilisation
      assertEquals(10.0, feature(file, FeatureCatalog.REVOLVING_UTILISATION), status);
    }
  }

  @Test
  void payingACollectionOrChargeOffEndsTheDerogatoryAccountButNotTheDelinquency() {
    // reported without a history profile: only the status tells what happened
    for (String[] pair : new String[][] {{"93", "62"}, {"97", "64"}, {"96", "63"}}) {
      List<Tradeline> unpaid =
          List.of(
              current("REVOLVING", 1000.0, 100.0),
              tradeline("REVOLVING", 1000.0, 900.0, pair[0], null, AS_OF.minusDays(40)));
      List<Tradeline> paid =
          List.of(
              current("REVOLVING", 1000.0, 100.0),
              tradeline("REVOLVING", 1000.0, 0.0, pair[1], null, AS_OF.minusDays(3)));

      assertEquals(1.0, feature(unpaid, FeatureCatalog.DEROGATORY_ACCOUNTS), pair[0]);
      assertEquals(0.0, feature(paid, FeatureCatalog.DEROGATORY_ACCOUNTS), pair[1]);
      assertEquals(180.0, feature(unpaid, FeatureCatalog.WORST_DELINQUENCY_24M), pair[0]);
      assertEquals(180.0, feature(paid, FeatureCatalog.WORST_DELINQUENCY_24M), pair[1]);
      assertEquals(1.0, feature(paid, FeatureCatalog.OPEN_ACCOUNTS), pair[1]);
    }
  }

  @Test
  void chargeOffInTheHistoryCountsAsOneHundredEightyDays() {
    Tradeline t =
        tradeline("REVOLVING", 1000.0, 0.0, "11", "0L0000000000000000000000", AS_OF.minusDays(3));

    assertEquals(180.0, feature(List.of(t), FeatureCatalog.WORST_DELINQUENCY_24M));
  }

  @Test
  void monthsSinceOldestAccountCountsWholeMonthsFromTheEarliestOpening() {
    Tradeline older =
        new Tradeline(
            "INSTALLMENT",
            LocalDate.of(2018, 12, 29),
            null,
            5000.0,
            0.0,
            "13",
            null,
            null,
            LocalDate.of(2023, 1, 1),
            AS_OF.minusDays(3));
    Tradeline newer = current("REVOLVING", 1000.0, 100.0);

    // 2018-12-29 to 2026-11-28 is 7 years and 10 months and 30 days: 94 whole months
    assertEquals(94.0, feature(List.of(older, newer), FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT));
  }

  @Test
  void openAccountsExcludeClosedPaidAndWrittenOffAccounts() {
    List<Tradeline> file =
        List.of(
            current("REVOLVING", 1000.0, 100.0),
            current("INSTALLMENT", null, 100.0),
            tradeline("REVOLVING", 1000.0, 0.0, "13", null, AS_OF.minusDays(3)),
            tradeline("REVOLVING", 1000.0, 900.0, "97", null, AS_OF.minusDays(3)),
            new Tradeline(
                "OPEN",
                LocalDate.of(2021, 1, 1),
                null,
                null,
                0.0,
                "11",
                null,
                null,
                LocalDate.of(2025, 1, 1),
                AS_OF.minusDays(3)));

    assertEquals(2.0, feature(file, FeatureCatalog.OPEN_ACCOUNTS));
  }

  @Test
  void derogatoryAccountsAreCollectionsAndChargeOffs() {
    List<Tradeline> file =
        List.of(
            tradeline("REVOLVING", 1000.0, 900.0, "93", null, AS_OF.minusDays(3)),
            tradeline("REVOLVING", 1000.0, 900.0, "97", null, AS_OF.minusDays(3)),
            tradeline("REVOLVING", 1000.0, 900.0, "84", null, AS_OF.minusDays(3)));

    assertEquals(2.0, feature(file, FeatureCatalog.DEROGATORY_ACCOUNTS));
  }

  @Test
  void hardInquiriesCountOnlyTheLastTwelveMonths() {
    List<LocalDate> inquiries =
        List.of(AS_OF, AS_OF.minusMonths(3), AS_OF.minusMonths(12), AS_OF.minusMonths(13));

    Object count =
        extractor
            .extract(List.of(), inquiries, AS_OF)
            .features()
            .value(FeatureCatalog.HARD_INQUIRIES_12M);

    assertEquals(2.0, count);
  }

  @Test
  void hardInquiriesSaturateAtTheCapWhetherCountedHereOrByTheDatabase() {
    List<LocalDate> many = java.util.Collections.nCopies(250, AS_OF.minusDays(3));
    assertEquals(
        (double) FeatureExtractor.HARD_INQUIRY_CAP,
        extractor
            .extract(List.of(), many, AS_OF)
            .features()
            .value(FeatureCatalog.HARD_INQUIRIES_12M));
    assertEquals(
        (double) FeatureExtractor.HARD_INQUIRY_CAP,
        extractor
            .extract(PersonFile.withInquiryCount(List.of(), null, null, 250L), AS_OF)
            .features()
            .value(FeatureCatalog.HARD_INQUIRIES_12M));
    assertEquals(
        99.0,
        extractor
            .extract(PersonFile.withInquiryCount(List.of(), null, null, 99L), AS_OF)
            .features()
            .value(FeatureCatalog.HARD_INQUIRIES_12M));
  }

  @Test
  void recordsReportedAfterTheAsOfDateAreNotYetKnown() {
    Tradeline future = tradeline("REVOLVING", 1000.0, 1000.0, "84", null, AS_OF.plusDays(1));

    Extraction e = extractor.extract(List.of(future), List.of(), AS_OF);

    assertEquals(0, e.summary().tradelines());
    assertNull(e.features().value(FeatureCatalog.REVOLVING_UTILISATION));
  }

  @Test
  void everyCatalogueFeatureIsExtracted() {
    Extraction e =
        extractor.extract(List.of(current("REVOLVING", 1000.0, 100.0)), List.of(), AS_OF);

    assertEquals(FeatureCatalog.names(), e.features().names());
  }

  @Test
  void utilisationDoesNotDependOnTheOrderTheAccountsAreRead() {
    // 1976.70 / 6600 = 29.95% exactly: summed in double, two of the six orders gave 29.9 (the
    // [10, 30) bin) and four gave 30.0 ([30, 50)), 23 points apart in the starter model
    Tradeline a = current("REVOLVING", 800.0, 550.39);
    Tradeline b = current("REVOLVING", 800.0, 246.05);
    Tradeline c = current("REVOLVING", 5000.0, 1180.26);
    for (List<Tradeline> order :
        List.of(
            List.of(a, b, c),
            List.of(a, c, b),
            List.of(b, a, c),
            List.of(b, c, a),
            List.of(c, a, b),
            List.of(c, b, a))) {
      assertEquals(30.0, FeatureExtractor.revolvingUtilisation(order), order.toString());
    }
  }
}
