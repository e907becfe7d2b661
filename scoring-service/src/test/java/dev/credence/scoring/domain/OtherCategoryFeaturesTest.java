package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** public_records_10y and alt_payment_late_12m, from PUBLIC_RECORD and ALT_PAYMENT records. */
class OtherCategoryFeaturesTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
  final FeatureExtractor extractor = new FeatureExtractor();

  static PublicRecord publicRecord(String type, String status, LocalDate filedOn) {
    return new PublicRecord(type, status, filedOn, null, AS_OF.minusDays(3));
  }

  static AltPayment alt(String profile, LocalDate reportedOn) {
    return new AltPayment("RENT", LocalDate.of(2022, 1, 1), profile, null, reportedOn);
  }

  Object feature(List<PublicRecord> publicRecords, List<AltPayment> alts, String name) {
    return extractor
        .extract(new PersonFile(List.of(), publicRecords, alts, List.of()), AS_OF)
        .features()
        .value(name);
  }

  @Test
  void publicRecordsCountBankruptciesJudgmentsAndLiensFiledInTenYearsWhateverTheirStatus() {
    List<PublicRecord> records =
        List.of(
            publicRecord("BANKRUPTCY", "DISCHARGED", AS_OF.minusYears(9)),
            publicRecord("CIVIL_JUDGMENT", "SATISFIED", AS_OF.minusMonths(2)),
            publicRecord("TAX_LIEN", "FILED", AS_OF),
            publicRecord("BANKRUPTCY", "DISMISSED", AS_OF.minusYears(10)), // exactly 10y: out
            publicRecord("TAX_LIEN", "FILED", AS_OF.plusDays(1)), // filed after the as-of date
            publicRecord("BANKRUPTCY", "FILED", null), // no filing date
            publicRecord("SOMETHING_ELSE", "FILED", AS_OF.minusYears(1)));

    assertEquals(3.0, feature(records, null, FeatureCatalog.PUBLIC_RECORDS_10Y));
  }

  @Test
  void publicRecordsAreZeroWithoutRecordsAndMissingWhenTheCategoryMayNotBeUsed() {
    assertEquals(0.0, feature(List.of(), null, FeatureCatalog.PUBLIC_RECORDS_10Y));
    assertNull(feature(null, null, FeatureCatalog.PUBLIC_RECORDS_10Y));
  }

  @Test
  void aPublicRecordReportedAfterTheAsOfDateIsNotYetKnown() {
    PublicRecord later =
        new PublicRecord("BANKRUPTCY", "FILED", AS_OF.minusYears(1), null, AS_OF.plusDays(1));

    assertEquals(0.0, feature(List.of(later), null, FeatureCatalog.PUBLIC_RECORDS_10Y));
  }

  @Test
  void altPaymentLateMonthsCountDistinctLateMonthsInTheLastTwelve() {
    // reported this month: position 1 = last month. Account A is late at positions 2 and 4 (30,
    // 60 days); account B at position 4 too (the same calendar month: counted once), at position
    // 12 (90 days, the first month of the window) and at position 13, outside the window.
    AltPayment a = alt("010200000000000000000000", AS_OF.minusDays(5));
    AltPayment b = alt("000100000003100000000000", AS_OF.minusDays(5));

    assertEquals(3.0, feature(null, List.of(a, b), FeatureCatalog.ALT_PAYMENT_LATE_12M));
  }

  @Test
  void altPaymentLateMonthsFollowTheReportingMonthOfEachAccount() {
    // reported 11 months ago: positions 1 and 2 are 12 and 13 months before the as-of month
    AltPayment old = alt("110000000000000000000000", AS_OF.minusMonths(11));

    assertEquals(1.0, feature(null, List.of(old), FeatureCatalog.ALT_PAYMENT_LATE_12M));
  }

  @Test
  void collectionAndChargeOffCodesAreLateButNoDataIsNot() {
    AltPayment a = alt("GL-BDE00000000000000000000", AS_OF.minusDays(1));

    assertEquals(2.0, feature(null, List.of(a), FeatureCatalog.ALT_PAYMENT_LATE_12M));
  }

  @Test
  void altPaymentLateMonthsAreMissingWithoutAnAccountAndZeroForAnAccountPaidOnTime() {
    assertNull(feature(null, List.of(), FeatureCatalog.ALT_PAYMENT_LATE_12M));
    assertNull(feature(null, null, FeatureCatalog.ALT_PAYMENT_LATE_12M));
    assertEquals(
        0.0,
        feature(null, List.of(alt(null, AS_OF.minusDays(2))), FeatureCatalog.ALT_PAYMENT_LATE_12M));
    assertEquals(
        0.0,
        feature(
            null,
            List.of(alt("000000000000000000000000", AS_OF.minusDays(2))),
            FeatureCatalog.ALT_PAYMENT_LATE_12M));
  }

  @Test
  void altPaymentLateMonthsNeverExceedTwelveOverSeededRandomProfiles() {
    java.util.Random random = new java.util.Random(20261129L);
    String alphabet = "0123456GHJKLBDE-";
    for (int i = 0; i < 300; i++) {
      int accounts = 1 + random.nextInt(4);
      List<AltPayment> alts = new java.util.ArrayList<>();
      for (int k = 0; k < accounts; k++) {
        StringBuilder p = new StringBuilder();
        for (int m = 0; m < 24; m++) {
          p.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        alts.add(alt(p.toString(), AS_OF.minusDays(random.nextInt(400))));
      }
      double late = (Double) feature(null, alts, FeatureCatalog.ALT_PAYMENT_LATE_12M);
      final int index = i;
      assertTrue(late >= 0 && late <= 12, () -> "seed 20261129, case #" + index + ": " + late);
    }
  }

  @Test
  void theNewFeaturesAreInTheCatalogueButTheStarterModelDoesNotUseThem() {
    assertTrue(FeatureCatalog.names().contains(FeatureCatalog.PUBLIC_RECORDS_10Y));
    assertTrue(FeatureCatalog.names().contains(FeatureCatalog.ALT_PAYMENT_LATE_12M));
    List<String> used =
        TestModels.starter().features().stream().map(ScorecardFeature::name).toList();
    assertEquals(6, used.size());
    assertTrue(!used.contains(FeatureCatalog.PUBLIC_RECORDS_10Y));
    assertTrue(!used.contains(FeatureCatalog.ALT_PAYMENT_LATE_12M));
  }
}
