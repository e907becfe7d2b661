package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.scoring.domain.OrganisationFile.Judgment;
import dev.credence.scoring.domain.OrganisationFile.Penalty;
import dev.credence.scoring.domain.OrganisationFile.TaxCompliance;
import dev.credence.scoring.domain.OrganisationFile.TradePayment;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The organisation rating rules, as properties over seeded random files (seed and case number in
 * every message) and as worked examples with the shipped model organisation-rating-v1.
 */
class OrganisationRaterTest {
  static final long SEED = 20261129L;
  static final int TRIES = 500;
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
  static final RatingModel MODEL = shipped();
  final OrganisationRater rater = new OrganisationRater();

  static RatingModel shipped() {
    try (InputStream in =
        OrganisationRaterTest.class
            .getClassLoader()
            .getResourceAsStream("models/organisation-rating-v1.json")) {
      return new RatingModelReader().read("organisation-rating-v1", in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static TaxCompliance tax(String status, LocalDate periodEnd) {
    return new TaxCompliance(
        UUID.randomUUID(),
        status,
        periodEnd,
        null,
        periodEnd.plusDays(30).isAfter(AS_OF) ? AS_OF : periodEnd.plusDays(30));
  }

  static Penalty penalty(String severity, LocalDate imposedOn, boolean resolved) {
    return new Penalty(
        UUID.randomUUID(),
        "ENVIRONMENT",
        severity,
        10000.0,
        imposedOn,
        resolved,
        resolved ? imposedOn : null,
        imposedOn);
  }

  static Judgment judgment(LocalDate on, boolean satisfied) {
    return new Judgment(UUID.randomUUID(), 5000.0, on, satisfied, satisfied ? on : null, on);
  }

  static TradePayment invoice(double amount, LocalDate date, int dbt) {
    return new TradePayment(
        UUID.randomUUID(), amount, date, 30, dbt, date.plusDays(30 + dbt), date);
  }

  static OrganisationFile file(
      List<TaxCompliance> t, List<Penalty> p, List<Judgment> j, List<TradePayment> tp) {
    return new OrganisationFile(t, p, j, tp);
  }

  /** A random file: always one recent COMPLIANT period, then random adverse records. */
  static OrganisationFile randomFile(Random r) {
    List<TaxCompliance> taxes = new ArrayList<>(List.of(tax("COMPLIANT", AS_OF.minusMonths(3))));
    String[] statuses = {"COMPLIANT", "ARREARS", "NON_FILER"};
    for (int i = r.nextInt(4); i > 0; i--) {
      taxes.add(tax(statuses[r.nextInt(3)], AS_OF.minusDays(r.nextInt(3650))));
    }
    List<Penalty> penalties = new ArrayList<>();
    for (int i = r.nextInt(6); i > 0; i--) {
      penalties.add(
          penalty(
              RatingModelValidator.SEVERITIES.get(r.nextInt(4)),
              AS_OF.minusDays(r.nextInt(3650)),
              r.nextBoolean()));
    }
    List<Judgment> judgments = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      judgments.add(judgment(AS_OF.minusDays(r.nextInt(3650)), r.nextBoolean()));
    }
    List<TradePayment> payments = new ArrayList<>();
    for (int i = r.nextInt(8); i > 0; i--) {
      payments.add(
          invoice(1 + r.nextInt(50000), AS_OF.minusDays(r.nextInt(500)), r.nextInt(150) - 40));
    }
    return file(taxes, penalties, judgments, payments);
  }

  // ---- properties

  @Test
  void ratingIsStartMinusTheSumOfDeductionsFlooredAtZero() {
    Random random = new Random(SEED);
    for (int i = 1; i <= TRIES; i++) {
      OrganisationFile f = randomFile(random);
      OrganisationRating r = rater.rate(MODEL, f, AS_OF);
      int sum = r.deductions().stream().mapToInt(OrganisationRating.Deduction::points).sum();
      final int index = i;
      assertEquals(
          Math.max(0, 100 - sum), r.rating(), () -> "seed " + SEED + ", case #" + index + ": " + f);
      assertTrue(
          r.deductions().stream().allMatch(d -> d.points() > 0),
          () -> "only records that cost points are listed, case #" + index);
    }
  }

  @Test
  void eachDeductionIsTheModelsPointsForTheRecordsTypeSeverityAndAgeBand() {
    Random random = new Random(SEED + 1);
    for (int i = 1; i <= TRIES; i++) {
      LocalDate imposed = AS_OF.minusDays(random.nextInt(4000));
      String severity = RatingModelValidator.SEVERITIES.get(random.nextInt(4));
      boolean resolved = random.nextBoolean();
      OrganisationFile f =
          file(
              List.of(tax("COMPLIANT", AS_OF.minusMonths(1))),
              List.of(penalty(severity, imposed, resolved)),
              List.of(),
              List.of());
      long months = java.time.temporal.ChronoUnit.MONTHS.between(imposed, AS_OF);
      int band = months < 12 ? 0 : months < 36 ? 1 : months < 60 ? 2 : 3;
      RatingModel.Rule rule = MODEL.regulatoryPenalty().get(severity);
      int expected = (resolved ? rule.resolvedPoints() : rule.points()).get(band);

      OrganisationRating r = rater.rate(MODEL, f, AS_OF);

      final int index = i;
      assertEquals(100 - expected, r.rating(), () -> "seed " + (SEED + 1) + ", case #" + index);
    }
  }

  @Test
  void gradeCutOffsAreExactAtNinetySeventyAndForty() {
    for (int rating = 0; rating <= 100; rating++) {
      String expected = rating >= 90 ? "A" : rating >= 70 ? "B" : rating >= 40 ? "C" : "D";
      assertEquals(expected, MODEL.gradeFor(rating), "rating " + rating);
    }
    assertEquals("A", MODEL.gradeFor(90));
    assertEquals("B", MODEL.gradeFor(89));
    assertEquals("B", MODEL.gradeFor(70));
    assertEquals("C", MODEL.gradeFor(69));
    assertEquals("C", MODEL.gradeFor(40));
    assertEquals("D", MODEL.gradeFor(39));
  }

  @Test
  void everyRatedFileGetsTheGradeOfItsRating() {
    Random random = new Random(SEED + 2);
    for (int i = 1; i <= TRIES; i++) {
      OrganisationRating r = rater.rate(MODEL, randomFile(random), AS_OF);
      int rating = r.rating();
      String expected = rating >= 90 ? "A" : rating >= 70 ? "B" : rating >= 40 ? "C" : "D";
      final int index = i;
      assertEquals(expected, r.grade(), () -> "seed " + (SEED + 2) + ", case #" + index);
    }
  }

  @Test
  void paymentIndexIsMonotoneNonIncreasingInDaysBeyondTerms() {
    Random random = new Random(SEED + 3);
    for (int i = 1; i <= TRIES; i++) {
      double a = random.nextDouble() * 200 - 60;
      double b = a + random.nextDouble() * 60;
      int ia = OrganisationRater.indexFor(MODEL.paymentIndex(), a);
      int ib = OrganisationRater.indexFor(MODEL.paymentIndex(), b);
      final int index = i;
      assertTrue(
          ib <= ia && ia <= 100 && ib >= 1,
          () ->
              "seed "
                  + (SEED + 3)
                  + ", case #"
                  + index
                  + ": "
                  + a
                  + "->"
                  + ia
                  + ", "
                  + b
                  + "->"
                  + ib);
    }
    for (int dbt = -60; dbt < 150; dbt++) {
      assertTrue(
          OrganisationRater.indexFor(MODEL.paymentIndex(), dbt + 1)
              <= OrganisationRater.indexFor(MODEL.paymentIndex(), dbt),
          "dbt " + dbt);
    }
  }

  @Test
  void paymentIndexFollowsTheDocumentedCurve() {
    RatingModel.PaymentIndexRule rule = MODEL.paymentIndex();
    assertEquals(100, OrganisationRater.indexFor(rule, -45));
    assertEquals(100, OrganisationRater.indexFor(rule, -30));
    assertEquals(90, OrganisationRater.indexFor(rule, -15));
    assertEquals(80, OrganisationRater.indexFor(rule, 0));
    assertEquals(65, OrganisationRater.indexFor(rule, 15));
    assertEquals(50, OrganisationRater.indexFor(rule, 30));
    assertEquals(26, OrganisationRater.indexFor(rule, 60)); // 50 - 30 * 49/60 = 25.5 -> 26
    assertEquals(1, OrganisationRater.indexFor(rule, 90));
    assertEquals(1, OrganisationRater.indexFor(rule, 400));
  }

  // ---- examples

  @Test
  void paymentIndexIsTheAmountWeightedDaysBeyondTermsOfTheLastTwelveMonths() {
    List<TradePayment> payments =
        List.of(
            invoice(1000, AS_OF.minusMonths(1), 0),
            invoice(3000, AS_OF.minusMonths(2), 20),
            invoice(1000, AS_OF.minusMonths(3), -10),
            invoice(99999, AS_OF.minusMonths(13), 90)); // outside the window
    OrganisationRating.PaymentIndex p =
        OrganisationRater.paymentIndex(MODEL.paymentIndex(), payments, AS_OF);

    // (1000*0 + 3000*20 + 1000*-10) / 5000 = 10 DBT -> 80 - 10 = 70
    assertEquals(3, p.invoices());
    assertEquals(10.0, p.weightedDaysBeyondTerms());
    assertEquals(70, p.index());
    assertFalse(p.insufficientData());
  }

  @Test
  void fewerThanThreeInvoicesGiveNoPaymentIndex() {
    OrganisationRating.PaymentIndex p =
        OrganisationRater.paymentIndex(
            MODEL.paymentIndex(),
            List.of(invoice(1000, AS_OF.minusMonths(1), 0), invoice(10, AS_OF.minusDays(3), 5)),
            AS_OF);

    assertNull(p.index());
    assertTrue(p.insufficientData());
    assertEquals(2, p.invoices());
  }

  @Test
  void withoutARecentTaxComplianceRecordThereIsNoRating() {
    OrganisationRating r =
        rater.rate(
            MODEL,
            file(List.of(tax("COMPLIANT", AS_OF.minusMonths(25))), List.of(), List.of(), List.of()),
            AS_OF);

    assertNull(r.rating());
    assertNull(r.grade());
    assertEquals(NoScoreReason.NO_RECENT_TAX_COMPLIANCE, r.noScoreReason());
  }

  @Test
  void aTaxPeriodEndingExactlyAtTheWindowsStartStillCounts() {
    // year-end periods make the boundary a real case; a person's recent-activity rule counts it
    // too (MinimumScoringCriteria)
    LocalDate asOf = LocalDate.of(2026, 12, 31);
    OrganisationFile f =
        file(
            List.of(tax("COMPLIANT", LocalDate.of(2024, 12, 31))), List.of(), List.of(), List.of());
    assertEquals(100, rater.rate(MODEL, f, asOf).rating());
    assertEquals(
        NoScoreReason.NO_RECENT_TAX_COMPLIANCE,
        rater.rate(MODEL, f, asOf.plusDays(1)).noScoreReason(),
        "a day later it is out of the window");
  }

  @Test
  void aCleanCompliantOrganisationIsRatedHundredGradeA() {
    OrganisationRating r =
        rater.rate(
            MODEL,
            file(List.of(tax("COMPLIANT", AS_OF.minusMonths(2))), List.of(), List.of(), List.of()),
            AS_OF);

    assertEquals(100, r.rating());
    assertEquals("A", r.grade());
    assertTrue(r.deductions().isEmpty());
  }

  @Test
  void workedExampleFromTheDocs() {
    TaxCompliance arrears = tax("ARREARS", AS_OF.minusMonths(4));
    Penalty major = penalty("MAJOR", AS_OF.minusMonths(18), false);
    Penalty resolvedSevere = penalty("SEVERE", AS_OF.minusMonths(40), true);
    Judgment unsatisfied = judgment(AS_OF.minusMonths(6), false);
    OrganisationFile f =
        file(
            List.of(tax("COMPLIANT", AS_OF.minusMonths(1)), arrears),
            List.of(major, resolvedSevere),
            List.of(unsatisfied),
            List.of());

    OrganisationRating r = rater.rate(MODEL, f, AS_OF);

    // 25 (unsatisfied judgment < 1y) + 15 (arrears < 1y) + 12 (major, 1-3y) + 6 (severe resolved,
    // 3-5y)
    assertEquals(58, 100 - r.rating());
    assertEquals(42, r.rating());
    assertEquals("C", r.grade());
    assertEquals(
        List.of(
            unsatisfied.recordId(),
            arrears.recordId(),
            major.recordId(),
            resolvedSevere.recordId()),
        r.deductions().stream().map(OrganisationRating.Deduction::recordId).toList());
    assertEquals(
        List.of(25, 15, 12, 6),
        r.deductions().stream().map(OrganisationRating.Deduction::points).toList());
    assertEquals("COURT_JUDGMENT_UNSATISFIED", r.deductions().get(0).reasonCode());
  }

  @Test
  void ratingIsFlooredAtZero() {
    List<Penalty> many = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      many.add(penalty("SEVERE", AS_OF.minusMonths(2), false));
    }
    OrganisationRating r =
        rater.rate(
            MODEL,
            file(List.of(tax("NON_FILER", AS_OF.minusMonths(3))), many, List.of(), List.of()),
            AS_OF);

    assertEquals(0, r.rating());
    assertEquals("D", r.grade());
  }

  @Test
  void aRecordDatedOrReportedAfterTheAsOfDateIsNotYetKnown() {
    Penalty future = penalty("SEVERE", AS_OF.plusDays(1), false);
    Penalty lateReport =
        new Penalty(
            UUID.randomUUID(),
            "TAX",
            "SEVERE",
            1.0,
            AS_OF.minusMonths(1),
            false,
            null,
            AS_OF.plusDays(2));
    OrganisationRating r =
        rater.rate(
            MODEL,
            file(
                List.of(tax("COMPLIANT", AS_OF.minusMonths(1))),
                List.of(future, lateReport),
                List.of(),
                List.of()),
            AS_OF);

    assertEquals(100, r.rating());
  }

  @Test
  void theSnapshotIsTheSameForTheSameRecordsAndChangesWithAnyOfThem() {
    TaxCompliance t = tax("COMPLIANT", AS_OF.minusMonths(1));
    Penalty p = penalty("MINOR", AS_OF.minusMonths(5), false);
    OrganisationFile f = file(List.of(t), List.of(p), List.of(), List.of());
    OrganisationFile resolved =
        file(
            List.of(t),
            List.of(
                new Penalty(
                    p.recordId(),
                    p.domain(),
                    p.severity(),
                    p.amount(),
                    p.imposedOn(),
                    true,
                    null,
                    p.reportedOn())),
            List.of(),
            List.of());

    assertEquals(rater.rate(MODEL, f, AS_OF).snapshot(), rater.rate(MODEL, f, AS_OF).snapshot());
    assertFalse(
        rater
            .rate(MODEL, f, AS_OF)
            .snapshot()
            .equals(rater.rate(MODEL, resolved, AS_OF).snapshot()));
  }

  @Test
  void thePaymentIndexDoesNotDependOnTheOrderTheInvoicesAreRead() {
    TradePayment a = invoice(2127.82, AS_OF.minusMonths(2), 20);
    TradePayment b = invoice(2291.52, AS_OF.minusMonths(3), 11);
    TradePayment c = invoice(3301.78, AS_OF.minusMonths(4), 9);
    for (List<TradePayment> order :
        List.of(
            List.of(a, b, c),
            List.of(a, c, b),
            List.of(b, a, c),
            List.of(b, c, a),
            List.of(c, a, b),
            List.of(c, b, a))) {
      // (2127.82×20 + 2291.52×11 + 3301.78×9) / 7721.12 = 12.6251…: 12.63, in every order (in
      // double, some orders gave 12.62)
      assertEquals(
          12.63,
          OrganisationRater.paymentIndex(MODEL.paymentIndex(), order, AS_OF)
              .weightedDaysBeyondTerms(),
          order.toString());
    }
  }

  @Test
  void theSameRecordsADayLaterAreAnotherSnapshotWhenTheirAgeChangesTheRating() {
    // a severe unresolved penalty turns one year old between the two dates: it deducts less
    LocalDate asOf = LocalDate.of(2026, 11, 28);
    OrganisationFile f =
        file(
            List.of(tax("COMPLIANT", asOf.minusMonths(1))),
            List.of(penalty("SEVERE", asOf.minusYears(1), false)),
            List.of(),
            List.of());
    OrganisationRating before = rater.rate(MODEL, f, asOf.minusDays(1));
    OrganisationRating after = rater.rate(MODEL, f, asOf);
    assertTrue(
        !before.rating().equals(after.rating()),
        "the penalty's age band changed: " + before.rating() + " / " + after.rating());
    assertFalse(hash(before).equals(hash(after)), "two ratings must not share a snapshot hash");
    assertEquals(hash(after), hash(rater.rate(MODEL, f, asOf)), "and it is stable");
  }

  private static String hash(OrganisationRating r) {
    return SnapshotHash.of(MODEL.id(), MODEL.version(), r.snapshot());
  }

  @Test
  void theDefaultModelsPaymentIndexGoesThroughThePaydexAnchorsOfTheBrief() throws IOException {
    RatingModel v3;
    try (InputStream in =
        OrganisationRaterTest.class
            .getClassLoader()
            .getResourceAsStream("models/organisation-rating-v3.json")) {
      v3 = new RatingModelReader().read("organisation-rating-v3", in);
    }
    // PAYDEX: 80 = pays on time, 50 = 30 days beyond terms, 20 = 120 days (and D&B's 40 at 60,
    // 30 at 90); v1 and v2 fell to 1 at 90 days
    assertEquals(80, OrganisationRater.indexFor(v3.paymentIndex(), 0));
    assertEquals(50, OrganisationRater.indexFor(v3.paymentIndex(), 30));
    assertEquals(40, OrganisationRater.indexFor(v3.paymentIndex(), 60));
    assertEquals(30, OrganisationRater.indexFor(v3.paymentIndex(), 90));
    assertEquals(20, OrganisationRater.indexFor(v3.paymentIndex(), 120));
    assertEquals(1, OrganisationRater.indexFor(v3.paymentIndex(), 400));
    assertEquals(70, OrganisationRater.indexFor(v3.paymentIndex(), 10), "unchanged up to 30 days");
  }
}
