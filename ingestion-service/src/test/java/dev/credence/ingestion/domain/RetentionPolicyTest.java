package dev.credence.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;
import dev.credence.ingestion.support.Samples;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
  private static final RetentionPolicy POLICY =
      new RetentionPolicy(
          Period.ofYears(7),
          Period.ofYears(10),
          Map.of(
              "MINOR", Period.ofYears(2),
              "MODERATE", Period.ofYears(3),
              "MAJOR", Period.ofYears(5),
              "SEVERE", Period.ofYears(7)));

  @Test
  void agesADelinquentTradelineOutSevenYearsAfterTheFirstDelinquency() {
    ObjectNode d = Samples.data(DataCategory.TRADELINE);
    assertEquals(Optional.empty(), POLICY.agesOutOn(DataCategory.TRADELINE, d));
    d.put("dateOfFirstDelinquency", "2020-02-29");
    assertEquals(
        Optional.of(LocalDate.of(2027, 2, 28)), POLICY.agesOutOn(DataCategory.TRADELINE, d));
  }

  @Test
  void keepsBankruptciesTenYearsAndOtherPublicRecordsSeven() {
    ObjectNode d = Samples.data(DataCategory.PUBLIC_RECORD);
    assertEquals(
        Optional.of(LocalDate.of(2031, 3, 15)), POLICY.agesOutOn(DataCategory.PUBLIC_RECORD, d));
    d.put("recordType", "BANKRUPTCY");
    assertEquals(
        Optional.of(LocalDate.of(2034, 3, 15)), POLICY.agesOutOn(DataCategory.PUBLIC_RECORD, d));
  }

  @Test
  void redeemsPenaltiesByTheirSeverity() {
    ObjectNode d = Samples.data(DataCategory.REGULATORY_PENALTY);
    for (var e :
        Map.of("MINOR", 2027, "MODERATE", 2028, "MAJOR", 2030, "SEVERE", 2032).entrySet()) {
      d.put("severity", e.getKey());
      assertEquals(
          Optional.of(LocalDate.of(e.getValue(), 6, 1)),
          POLICY.agesOutOn(DataCategory.REGULATORY_PENALTY, d),
          e.getKey());
    }
  }

  @Test
  void neverAgesOutPositiveRecords() {
    ObjectNode paidOnTime = Samples.data(DataCategory.PAYMENT);
    paidOnTime.put("daysPastDue", 0);
    assertTrue(POLICY.agesOutOn(DataCategory.PAYMENT, paidOnTime).isEmpty());
    assertTrue(POLICY.agesOutOn(DataCategory.INCOME, Samples.data(DataCategory.INCOME)).isEmpty());
    ObjectNode onTerms = Samples.data(DataCategory.TRADE_PAYMENT);
    onTerms.put("daysBeyondTerms", 0);
    assertTrue(POLICY.agesOutOn(DataCategory.TRADE_PAYMENT, onTerms).isEmpty());
    assertEquals(
        Optional.of(LocalDate.of(2033, 10, 1)),
        POLICY.agesOutOn(DataCategory.PAYMENT, Samples.data(DataCategory.PAYMENT)));
  }

  @Test
  void holdsANegativeItemObsoleteFromTheDayItAgesOut() {
    ObjectNode d = Samples.data(DataCategory.TRADELINE);
    d.put("dateOfFirstDelinquency", "2015-01-01");
    assertTrue(POLICY.obsolete(DataCategory.TRADELINE, d, LocalDate.of(2026, 11, 30)));
    d.put("dateOfFirstDelinquency", "2019-12-01");
    assertTrue(POLICY.obsolete(DataCategory.TRADELINE, d, LocalDate.of(2026, 12, 1)));
    assertFalse(POLICY.obsolete(DataCategory.TRADELINE, d, LocalDate.of(2026, 11, 30)));
    d.remove("dateOfFirstDelinquency");
    assertFalse(POLICY.obsolete(DataCategory.TRADELINE, d, LocalDate.of(2099, 1, 1)));
  }

  @Test
  void namesTheDateThatStartsTheRetentionClock() {
    assertEquals(
        Optional.of("dueOn"),
        POLICY.clockStart(DataCategory.PAYMENT, Samples.data(DataCategory.PAYMENT)));
    ObjectNode onTime = Samples.data(DataCategory.PAYMENT);
    onTime.put("daysPastDue", 0);
    assertEquals(Optional.empty(), POLICY.clockStart(DataCategory.PAYMENT, onTime));
    assertEquals(
        Optional.of("imposedOn"),
        POLICY.clockStart(
            DataCategory.REGULATORY_PENALTY, Samples.data(DataCategory.REGULATORY_PENALTY)));
  }

  @Test
  void aCorrectionThatKeepsADerogatoryStatusMayNotStartTheReportingPeriodLater() {
    LocalDate held = LocalDate.of(2027, 3, 1); // first delinquency 2020-03-01
    ObjectNode d = Samples.data(DataCategory.TRADELINE);
    d.put("accountStatus", "97");
    d.put("dateOfFirstDelinquency", "2020-03-01");
    assertFalse(POLICY.reAges(DataCategory.TRADELINE, d, held), "the same date");
    d.put("dateOfFirstDelinquency", "2020-01-15");
    assertFalse(POLICY.reAges(DataCategory.TRADELINE, d, held), "an earlier date");
    d.put("dateOfFirstDelinquency", "2022-03-01");
    assertTrue(POLICY.reAges(DataCategory.TRADELINE, d, held), "a later date");
    d.remove("dateOfFirstDelinquency");
    assertTrue(POLICY.reAges(DataCategory.TRADELINE, d, held), "the date removed");
  }

  @Test
  void aCorrectionThatEndsTheNegativeItemIsNotReageing() {
    LocalDate held = LocalDate.of(2027, 3, 1);
    ObjectNode current = Samples.data(DataCategory.TRADELINE);
    assertFalse(POLICY.reAges(DataCategory.TRADELINE, current, held));
    ObjectNode paidOnTime = Samples.data(DataCategory.PAYMENT);
    paidOnTime.put("daysPastDue", 0);
    assertFalse(POLICY.reAges(DataCategory.PAYMENT, paidOnTime, LocalDate.of(2033, 10, 1)));
    ObjectNode late = Samples.data(DataCategory.PAYMENT);
    late.put("dueOn", "2026-10-15");
    assertTrue(POLICY.reAges(DataCategory.PAYMENT, late, LocalDate.of(2033, 10, 1)));
    assertFalse(POLICY.reAges(DataCategory.TRADELINE, current, null), "nothing held to age");
  }

  @Test
  void agesLateRentOutSevenYearsAfterItsFirstDelinquency() {
    ObjectNode d = Samples.data(DataCategory.ALT_PAYMENT);
    d.put("paymentHistoryProfile", "000000000000100000000000");
    d.put("dateOfFirstDelinquency", "2025-10-01");
    assertEquals(
        Optional.of(LocalDate.of(2032, 10, 1)), POLICY.agesOutOn(DataCategory.ALT_PAYMENT, d));
  }

  @Test
  void agesTaxArrearsOutSevenYearsAfterThePeriodEnd() {
    ObjectNode d = Samples.data(DataCategory.TAX_COMPLIANCE);
    for (String status : List.of("ARREARS", "NON_FILER")) {
      d.put("status", status);
      assertEquals(
          Optional.of(LocalDate.of(2032, 12, 31)),
          POLICY.agesOutOn(DataCategory.TAX_COMPLIANCE, d),
          status);
    }
    d.put("status", "COMPLIANT");
    assertEquals(Optional.empty(), POLICY.agesOutOn(DataCategory.TAX_COMPLIANCE, d));
  }

  @Test
  void aNegativeItemIsJudgedByWhatItReportsNotByTheDatesItCarries() {
    ObjectNode chargedOff = Samples.data(DataCategory.TRADELINE);
    chargedOff.put("accountStatus", "97");
    assertTrue(POLICY.negative(DataCategory.TRADELINE, chargedOff));
    assertEquals(
        Optional.of("dateOfFirstDelinquency"),
        POLICY.missingClockStart(DataCategory.TRADELINE, chargedOff));
    ObjectNode paidAfterChargeOff = Samples.data(DataCategory.TRADELINE);
    paidAfterChargeOff.put("accountStatus", "13");
    paidAfterChargeOff.put("paymentRating", "L");
    assertEquals(
        Optional.of("dateOfFirstDelinquency"),
        POLICY.missingClockStart(DataCategory.TRADELINE, paidAfterChargeOff));
    ObjectNode lateRent = Samples.data(DataCategory.ALT_PAYMENT);
    lateRent.remove("dateOfFirstDelinquency");
    assertEquals(
        Optional.of("dateOfFirstDelinquency"),
        POLICY.missingClockStart(DataCategory.ALT_PAYMENT, lateRent));

    ObjectNode current = Samples.data(DataCategory.TRADELINE);
    assertFalse(POLICY.negative(DataCategory.TRADELINE, current));
    assertEquals(Optional.empty(), POLICY.missingClockStart(DataCategory.TRADELINE, current));
    ObjectNode rentPaidOnTime = Samples.data(DataCategory.ALT_PAYMENT);
    rentPaidOnTime.remove("dateOfFirstDelinquency");
    rentPaidOnTime.put("paymentHistoryProfile", "0000000000000000000000BB");
    assertFalse(POLICY.negative(DataCategory.ALT_PAYMENT, rentPaidOnTime));
    assertEquals(Optional.empty(), POLICY.agesOutOn(DataCategory.ALT_PAYMENT, rentPaidOnTime));
  }

  @Test
  void everyNegativeItemOfEveryFurnishedCategoryHasAnAgeingDay() {
    for (DataCategory category : DataCategory.values()) {
      if (category == DataCategory.INQUIRY) {
        continue; // created by the platform, never furnished: no schema, nothing held here
      }
      ObjectNode d = Samples.data(category);
      if (category == DataCategory.TRADELINE) {
        d.put("accountStatus", "97");
        d.put("dateOfFirstDelinquency", "2024-01-10");
      }
      boolean negative = category != DataCategory.INCOME;
      assertEquals(negative, POLICY.negative(category, d), category.name());
      assertEquals(Optional.empty(), POLICY.missingClockStart(category, d), category.name());
      assertEquals(negative, POLICY.agesOutOn(category, d).isPresent(), category.name());
    }
  }

  @Test
  void refusesAPolicyWithoutARedemptionPeriodForEveryPenaltySeverity() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RetentionPolicy(
                Period.ofYears(7), Period.ofYears(10), Map.of("MINOR", Period.ofYears(2))));
  }
}
