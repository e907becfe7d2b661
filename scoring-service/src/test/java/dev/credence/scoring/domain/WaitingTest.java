package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a change only time makes happens by itself, with every account paid on time from now. */
class WaitingTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
  private final FeatureExtractor extractor = new FeatureExtractor();

  private static Bin atLeast(double lower) {
    return new Bin(lower, null, null, 0, null);
  }

  private static Bin below(double upper) {
    return new Bin(null, upper, null, 0, null);
  }

  private static Tradeline card(LocalDate openedOn, String status, String profile) {
    return new Tradeline(
        "REVOLVING",
        openedOn,
        5000.0,
        null,
        500.0,
        status,
        profile,
        null,
        null,
        AS_OF.minusDays(5));
  }

  private static PersonFile file(List<Tradeline> tradelines, List<LocalDate> inquiries) {
    return new PersonFile(tradelines, List.of(), List.of(), inquiries);
  }

  private Optional<LocalDate> reached(PersonFile file, String feature, Bin target) {
    return Waiting.reached(file, AS_OF, feature, target, extractor);
  }

  @Test
  void anAccountTurnsThreeYearsOldTwoMonthsFromNow() {
    PersonFile f = file(List.of(card(LocalDate.of(2024, 1, 15), "11", "0".repeat(24))), List.of());
    assertEquals(
        34.0,
        extractor.extract(f, AS_OF).features().value(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT));
    assertEquals(
        Optional.of(LocalDate.of(2027, 1, 30)),
        reached(f, FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, atLeast(36)));
  }

  @Test
  void inquiriesLeaveTheCountTwelveMonthsAfterTheyWereMade() {
    PersonFile f =
        file(
            List.of(card(LocalDate.of(2015, 1, 1), "11", "0".repeat(24))),
            List.of(
                LocalDate.of(2026, 2, 10), LocalDate.of(2026, 6, 1), LocalDate.of(2026, 10, 1)));
    // two must go: the one of 2026-06-01 is still counted on 2027-05-30, gone on 2027-06-30
    assertEquals(
        Optional.of(LocalDate.of(2027, 6, 30)),
        reached(f, FeatureCatalog.HARD_INQUIRIES_12M, below(2)));
    assertEquals(
        Optional.of(LocalDate.of(2027, 2, 28)),
        reached(f, FeatureCatalog.HARD_INQUIRIES_12M, below(3)));
  }

  @Test
  void aCountOfInquiriesWithoutDatesGetsNoDate() {
    PersonFile counted =
        PersonFile.withInquiryCount(
            List.of(card(LocalDate.of(2015, 1, 1), "11", "0".repeat(24))), List.of(), List.of(), 3);
    assertEquals(Optional.empty(), reached(counted, FeatureCatalog.HARD_INQUIRIES_12M, below(2)));
  }

  @Test
  void aLatePaymentLeavesTheWindowWhenEveryMonthFromNowIsPaidOnTime() {
    // position 5 of a profile reported in November 2026: June 2026, 30 days late
    PersonFile f =
        file(List.of(card(LocalDate.of(2015, 1, 1), "11", "0000100000000000000000000")), List.of());
    assertEquals(
        30.0, extractor.extract(f, AS_OF).features().value(FeatureCatalog.WORST_DELINQUENCY_24M));
    // June 2026 counts while it is within the 24 months before the as-of month: until June 2028
    assertEquals(
        Optional.of(LocalDate.of(2028, 7, 30)),
        reached(f, FeatureCatalog.WORST_DELINQUENCY_24M, below(1)));
  }

  @Test
  void anAccountStillPastDueIsNotCuredByWaiting() {
    PersonFile f =
        file(List.of(card(LocalDate.of(2015, 1, 1), "71", "1000000000000000000000000")), List.of());
    assertEquals(Optional.empty(), reached(f, FeatureCatalog.WORST_DELINQUENCY_24M, below(1)));
    // its age still grows
    assertNotNull(
        reached(f, FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, atLeast(180)).orElse(null));
  }

  @Test
  void aClosedAccountIsNotReportedAgainItsLatePaymentsAgeOutFromItsLastReport() {
    Tradeline closed =
        new Tradeline(
            "INSTALLMENT",
            LocalDate.of(2015, 1, 1),
            null,
            9000.0,
            0.0,
            "13",
            "0001000000000000000000000",
            null,
            LocalDate.of(2026, 3, 1),
            LocalDate.of(2026, 3, 5));
    // reported March 2026, position 4: November 2025 late; out of the window after November 2027
    assertEquals(
        Optional.of(LocalDate.of(2027, 12, 30)),
        reached(file(List.of(closed), List.of()), FeatureCatalog.WORST_DELINQUENCY_24M, below(1)));
  }

  @Test
  void aPublicRecordLeavesTenYearsAfterItWasFiled() {
    PublicRecord judgment =
        new PublicRecord("CIVIL_JUDGMENT", "FILED", LocalDate.of(2026, 11, 29), null, AS_OF);
    PersonFile f = new PersonFile(List.of(), List.of(judgment), List.of(), List.of());
    assertEquals(
        1.0, extractor.extract(f, AS_OF).features().value(FeatureCatalog.PUBLIC_RECORDS_10Y));
    assertEquals(
        Optional.of(LocalDate.of(2036, 11, 30)),
        reached(f, FeatureCatalog.PUBLIC_RECORDS_10Y, below(1)));

    PublicRecord today = new PublicRecord("CIVIL_JUDGMENT", "FILED", AS_OF, null, AS_OF);
    PersonFile g = new PersonFile(List.of(), List.of(today), List.of(), List.of());
    // filed on the as-of date: counted while filed after the date ten years back, so gone on
    // the tenth anniversary itself
    assertEquals(
        Optional.of(LocalDate.of(2036, 11, 30)),
        reached(g, FeatureCatalog.PUBLIC_RECORDS_10Y, below(1)));
  }

  @Test
  void nothingBeyondTheHorizonIsDated() {
    PersonFile f = file(List.of(card(LocalDate.of(2024, 1, 15), "11", "0".repeat(24))), List.of());
    // 34 months old; 400 would take 366 months, beyond the 240 the search looks ahead
    assertEquals(
        Optional.empty(), reached(f, FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, atLeast(400)));
  }

  @Test
  void aPlanDatesOnlyItsTimeChanges() {
    Scorecard card = TestModels.starter();
    PersonFile f =
        file(
            List.of(card(LocalDate.of(2024, 1, 15), "11", "0".repeat(24))),
            List.of(LocalDate.of(2026, 10, 1)));
    Map<String, Object> values =
        new java.util.HashMap<>(extractor.extract(f, AS_OF).features().asMap());
    ScoreResult current = new ScoreCalculator().score(card, FeatureVector.of(values));
    WhatIf.Plan plan = Waiting.dated(WhatIf.plan(current, 500), card, f, AS_OF, extractor);
    for (WhatIf.Change c : plan.changes()) {
      if (c.lever() == FeatureCatalog.Lever.ACTION) {
        assertNull(c.reachedOn(), c.toString());
      }
    }
    WhatIf.Change age =
        plan.changes().stream()
            .filter(c -> c.feature().equals(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT))
            .findFirst()
            .orElseThrow(() -> new AssertionError(plan.toString()));
    // 34 months now; the plan's target bin starts at 180 months: 146 months from now
    assertEquals(180.0, age.suggestedValue(), age.toString());
    assertEquals(AS_OF.plusMonths(146), age.reachedOn());
    WhatIf.Change inquiries =
        plan.changes().stream()
            .filter(c -> c.feature().equals(FeatureCatalog.HARD_INQUIRIES_12M))
            .findFirst()
            .orElseThrow(() -> new AssertionError(plan.toString()));
    assertEquals(LocalDate.of(2027, 10, 30), inquiries.reachedOn());
  }
}
