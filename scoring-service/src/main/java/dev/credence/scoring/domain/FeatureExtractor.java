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

  public Extraction extract(
      Collection<Tradeline> allTradelines, Collection<LocalDate> hardInquiries, LocalDate asOf) {
    List<Tradeline> tradelines =
        allTradelines.stream().filter(t -> !t.reportedOn().isAfter(asOf)).toList();

    Map<String, Object> values = new LinkedHashMap<>();
    values.put(FeatureCatalog.REVOLVING_UTILISATION, revolvingUtilisation(tradelines));
    values.put(FeatureCatalog.WORST_DELINQUENCY_24M, worstDelinquency(tradelines, asOf));
    values.put(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, monthsSinceOldest(tradelines, asOf));
    values.put(
        FeatureCatalog.OPEN_ACCOUNTS,
        (double) tradelines.stream().filter(Tradeline::isOpen).count());
    values.put(FeatureCatalog.HARD_INQUIRIES_12M, hardInquiries(hardInquiries, asOf));
    values.put(
        FeatureCatalog.DEROGATORY_ACCOUNTS,
        (double) tradelines.stream().filter(Tradeline::isDerogatory).count());

    LocalDate latest =
        tradelines.stream().map(Tradeline::reportedOn).max(LocalDate::compareTo).orElse(null);
    return new Extraction(
        asOf, FeatureVector.of(values), new FileSummary(tradelines.size(), latest));
  }

  static Double revolvingUtilisation(List<Tradeline> tradelines) {
    double balance = 0;
    double limit = 0;
    for (Tradeline t : tradelines) {
      if (t.isRevolving() && t.isOpen() && t.creditLimit() != null && t.creditLimit() > 0) {
        limit += t.creditLimit();
        balance += t.currentBalance() == null ? 0 : Math.max(0, t.currentBalance());
      }
    }
    if (limit <= 0) {
      return null;
    }
    return BigDecimal.valueOf(100 * balance / limit)
        .setScale(1, RoundingMode.HALF_UP)
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

  static Double hardInquiries(Collection<LocalDate> inquiries, LocalDate asOf) {
    LocalDate from = asOf.minusMonths(INQUIRY_WINDOW_MONTHS);
    return (double) inquiries.stream().filter(d -> d.isAfter(from) && !d.isAfter(asOf)).count();
  }

  private static Integer max(Integer a, Integer b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Math.max(a, b);
  }
}
