package dev.credence.scoring.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the person features of {@link FeatureCatalog} from a subject's tradelines and hard
 * inquiries as of a date. Records reported after the as-of date are not yet known and are ignored,
 * so the same inputs and date always give the same vector.
 */
public final class FeatureExtractor {
  public static final int DELINQUENCY_WINDOW_MONTHS = 24;
  public static final int INQUIRY_WINDOW_MONTHS = 12;

  /**
   * {@code hard_inquiries_12m} saturates here: every model's top inquiry bin starts far below it (3
   * and 7 in the shipped models), and counting stops at the cap, so the cost of the count cannot
   * grow with a file's inquiries (a file with thousands is abuse, not credit history).
   */
  public static final int HARD_INQUIRY_CAP = 100;

  public static final int PUBLIC_RECORD_WINDOW_YEARS = 10;
  public static final int ALT_PAYMENT_WINDOW_MONTHS = 12;

  /** Features from tradelines and inquiries only (the other categories are not usable). */
  public Extraction extract(
      Collection<Tradeline> allTradelines, Collection<LocalDate> hardInquiries, LocalDate asOf) {
    return extract(new PersonFile(allTradelines, null, null, hardInquiries), asOf);
  }

  public Extraction extract(PersonFile file, LocalDate asOf) {
    Collection<LocalDate> hardInquiries = file.hardInquiries();
    List<Tradeline> tradelines =
        file.tradelines().stream().filter(t -> !t.reportedOn().isAfter(asOf)).toList();

    Map<String, Object> values = new LinkedHashMap<>();
    values.put(FeatureCatalog.REVOLVING_UTILISATION, revolvingUtilisation(tradelines));
    values.put(FeatureCatalog.WORST_DELINQUENCY_24M, worstDelinquency(tradelines, asOf));
    values.put(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, monthsSinceOldest(tradelines, asOf));
    values.put(
        FeatureCatalog.OPEN_ACCOUNTS,
        (double) tradelines.stream().filter(Tradeline::isOpen).count());
    values.put(
        FeatureCatalog.HARD_INQUIRIES_12M,
        file.hardInquiriesInWindow() != null
            ? (double) Math.min(file.hardInquiriesInWindow(), HARD_INQUIRY_CAP)
            : hardInquiries(hardInquiries, asOf));
    values.put(
        FeatureCatalog.DEROGATORY_ACCOUNTS,
        (double) tradelines.stream().filter(Tradeline::isDerogatory).count());
    values.put(FeatureCatalog.PUBLIC_RECORDS_10Y, publicRecords(file.publicRecords(), asOf));
    values.put(FeatureCatalog.ALT_PAYMENT_LATE_12M, altPaymentLateMonths(file.altPayments(), asOf));

    LocalDate latest =
        tradelines.stream().map(Tradeline::reportedOn).max(LocalDate::compareTo).orElse(null);
    return new Extraction(
        asOf, FeatureVector.of(values), new FileSummary(tradelines.size(), latest));
  }

  /**
   * Balances over limits of the open revolving accounts, in per cent to one decimal. Summed in
   * decimal, not in {@code double}: a binary sum depends on the order of its terms, and the file's
   * rows come in no fixed order, so 29.95% came out as 30.0 or 29.9 (a bin edge, 23 points in the
   * starter model, and another snapshot hash) depending on which account was read first.
   */
  static Double revolvingUtilisation(List<Tradeline> tradelines) {
    BigDecimal balance = BigDecimal.ZERO;
    BigDecimal limit = BigDecimal.ZERO;
    for (Tradeline t : tradelines) {
      if (t.isRevolving() && t.isOpen() && t.creditLimit() != null && t.creditLimit() > 0) {
        limit = limit.add(BigDecimal.valueOf(t.creditLimit()));
        balance =
            balance.add(
                BigDecimal.valueOf(
                    t.currentBalance() == null ? 0 : Math.max(0, t.currentBalance())));
      }
    }
    if (limit.signum() <= 0) {
      return null;
    }
    return balance
        .multiply(BigDecimal.valueOf(100))
        .divide(limit, 1, RoundingMode.HALF_UP)
        .doubleValue();
  }

  static Double worstDelinquency(List<Tradeline> tradelines, LocalDate asOf) {
    YearMonth windowStart = YearMonth.from(asOf).minusMonths(DELINQUENCY_WINDOW_MONTHS);
    LocalDate statusWindowStart = asOf.minusMonths(DELINQUENCY_WINDOW_MONTHS);
    Integer worst = null;
    for (Tradeline t : tradelines) {
      if (!t.reportedOn().isBefore(statusWindowStart)) {
        worst = max(worst, AccountStatus.daysPastDue(t.accountStatus()));
      }
      String profile = t.paymentHistoryProfile();
      if (profile == null) {
        continue;
      }
      // Metro 2: position 1 is the month before the reporting month, position 24 is 24 months back.
      YearMonth reported = YearMonth.from(t.reportedOn());
      for (int i = 0; i < Math.min(profile.length(), DELINQUENCY_WINDOW_MONTHS); i++) {
        if (reported.minusMonths(i + 1L).isBefore(windowStart)) {
          break;
        }
        worst = max(worst, AccountStatus.historyDaysPastDue(profile.charAt(i)));
      }
    }
    return worst == null ? null : worst.doubleValue();
  }

  static Double monthsSinceOldest(List<Tradeline> tradelines, LocalDate asOf) {
    return tradelines.stream()
        .map(Tradeline::openedOn)
        .filter(d -> d != null)
        .min(LocalDate::compareTo)
        .map(oldest -> (double) Math.max(0, ChronoUnit.MONTHS.between(oldest, asOf)))
        .orElse(null);
  }

  /**
   * Bankruptcies, civil judgments and tax liens filed in the 10 years up to the as-of date,
   * whatever their status (a discharged bankruptcy still counts for 10 years); null when the
   * category may not be used. Withdrawn records never reach this point.
   */
  static Double publicRecords(Collection<PublicRecord> records, LocalDate asOf) {
    if (records == null) {
      return null;
    }
    LocalDate from = asOf.minusYears(PUBLIC_RECORD_WINDOW_YEARS);
    return (double)
        records.stream()
            .filter(r -> !r.reportedOn().isAfter(asOf))
            .filter(r -> PublicRecord.COUNTED_TYPES.contains(r.recordType()))
            .filter(r -> r.filedOn() != null && r.filedOn().isAfter(from))
            .filter(r -> !r.filedOn().isAfter(asOf))
            .count();
  }

  /**
   * Distinct calendar months among the 12 before the as-of month in which at least one ALT_PAYMENT
   * account was 30 or more days late, from the 24-month payment history profiles; null when the
   * subject has no ALT_PAYMENT account known as of the date (or the category may not be used).
   */
  static Double altPaymentLateMonths(Collection<AltPayment> accounts, LocalDate asOf) {
    if (accounts == null) {
      return null;
    }
    List<AltPayment> known = accounts.stream().filter(a -> !a.reportedOn().isAfter(asOf)).toList();
    if (known.isEmpty()) {
      return null;
    }
    YearMonth windowStart = YearMonth.from(asOf).minusMonths(ALT_PAYMENT_WINDOW_MONTHS);
    java.util.Set<YearMonth> late = new java.util.HashSet<>();
    for (AltPayment a : known) {
      String profile = a.paymentHistoryProfile();
      if (profile == null) {
        continue;
      }
      YearMonth reported = YearMonth.from(a.reportedOn());
      for (int i = 0; i < Math.min(profile.length(), DELINQUENCY_WINDOW_MONTHS); i++) {
        YearMonth month = reported.minusMonths(i + 1L);
        if (month.isBefore(windowStart)) {
          break;
        }
        Integer dpd = AccountStatus.historyDaysPastDue(profile.charAt(i));
        if (dpd != null && dpd >= 30) {
          late.add(month);
        }
      }
    }
    return (double) late.size();
  }

  static Double hardInquiries(Collection<LocalDate> inquiries, LocalDate asOf) {
    LocalDate from = asOf.minusMonths(INQUIRY_WINDOW_MONTHS);
    return (double)
        Math.min(
            inquiries.stream().filter(d -> d.isAfter(from) && !d.isAfter(asOf)).count(),
            HARD_INQUIRY_CAP);
  }

  private static Integer max(Integer a, Integer b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Math.max(a, b);
  }
}
