package dev.credence.scoring.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rates an organisation with a {@link RatingModel} as of a date: {@code rating = max(floor, start −
 * Σ deductions)}, the grade by the model's cut-offs, and the payment index from trade payments.
 * Records reported after the as-of date, or dated after it, are not yet known.
 */
public final class OrganisationRater {

  public OrganisationRating rate(RatingModel model, OrganisationFile file, LocalDate asOf) {
    Map<String, Object> snapshot = new LinkedHashMap<>();
    // the records enter the snapshot with their dates, and what they deduct depends on their age:
    // the as-of date is an input, or one hash would stand for two ratings a day apart
    snapshot.put("as_of", asOf.toString());
    List<OrganisationRating.Deduction> deductions = new ArrayList<>();
    LocalDate latest = null;

    boolean recentTax = false;
    LocalDate taxFrom = asOf.minusMonths(model.minimumRatingCriteria().taxComplianceWithinMonths());
    for (OrganisationFile.TaxCompliance t : known(file.taxCompliance(), asOf)) {
      if (t.periodEnd() == null || t.periodEnd().isAfter(asOf)) {
        continue;
      }
      latest = later(latest, t.reportedOn());
      snapshot.put("TAX_COMPLIANCE:" + t.recordId(), t.status() + "|" + t.periodEnd());
      // within the window, its first day included, as a person's recent-activity criterion
      recentTax |= !t.periodEnd().isBefore(taxFrom);
      RatingModel.Rule rule = t.status() == null ? null : model.taxCompliance().get(t.status());
      if (rule != null) {
        deduct(
            model,
            deductions,
            t.recordId(),
            "TAX_COMPLIANCE",
            rule,
            rule.points(),
            t.periodEnd(),
            asOf,
            "period ending " + t.periodEnd());
      }
    }
    for (OrganisationFile.Penalty p : known(file.penalties(), asOf)) {
      if (p.imposedOn() == null || p.imposedOn().isAfter(asOf)) {
        continue;
      }
      latest = later(latest, p.reportedOn());
      boolean resolved = p.resolvedAsOf(asOf);
      snapshot.put(
          "REGULATORY_PENALTY:" + p.recordId(),
          p.severity()
              + "|"
              + p.domain()
              + "|"
              + p.imposedOn()
              + "|"
              + (resolved ? "resolved" : "unresolved"));
      RatingModel.Rule rule =
          p.severity() == null ? null : model.regulatoryPenalty().get(p.severity());
      if (rule != null) {
        deduct(
            model,
            deductions,
            p.recordId(),
            "REGULATORY_PENALTY",
            rule,
            resolved ? rule.resolvedPoints() : rule.points(),
            p.imposedOn(),
            asOf,
            (p.domain() == null ? "" : p.domain() + ", ")
                + "imposed "
                + p.imposedOn()
                + (resolved ? ", resolved" : ", unresolved"));
      }
    }
    List<OrganisationRating.PenaltyDomain> domains = penaltyDomains(file.penalties(), asOf);
    for (OrganisationRating.PenaltyDomain d : domains) {
      snapshot.put(
          "penalty_domain:" + d.domain(),
          d.penalties()
              + "|"
              + d.unresolved()
              + "|"
              + d.worstSeverity()
              + "|"
              + d.latestImposedOn());
    }
    if (model.repeatedPenalties() != null) {
      repeatedPenalties(model, file.penalties(), asOf, deductions);
    }
    for (OrganisationFile.Judgment j : known(file.judgments(), asOf)) {
      if (j.judgmentOn() == null || j.judgmentOn().isAfter(asOf)) {
        continue;
      }
      latest = later(latest, j.reportedOn());
      boolean satisfied = j.satisfiedAsOf(asOf);
      snapshot.put(
          "COURT_JUDGMENT:" + j.recordId(),
          j.judgmentOn() + "|" + (satisfied ? "satisfied" : "unsatisfied"));
      RatingModel.Rule rule = model.courtJudgment().get(satisfied ? "SATISFIED" : "UNSATISFIED");
      deduct(
          model,
          deductions,
          j.recordId(),
          "COURT_JUDGMENT",
          rule,
          rule.points(),
          j.judgmentOn(),
          asOf,
          "judgment of " + j.judgmentOn());
    }

    OrganisationRating.PaymentIndex index =
        paymentIndex(model.paymentIndex(), file.tradePayments(), asOf);
    snapshot.put("trade_payment_invoices", (double) index.invoices());
    snapshot.put("trade_payment_weighted_dbt", index.weightedDaysBeyondTerms());
    if (file.tradePayments() != null) {
      for (OrganisationFile.TradePayment t : known(file.tradePayments(), asOf)) {
        latest = later(latest, t.reportedOn());
      }
    }

    deductions.sort(
        Comparator.comparingInt(OrganisationRating.Deduction::points)
            .reversed()
            .thenComparing(OrganisationRating.Deduction::dated, Comparator.reverseOrder())
            .thenComparing(d -> d.recordId().toString()));
    FeatureVector vector = FeatureVector.of(snapshot);
    if (!recentTax) {
      return new OrganisationRating(
          null,
          null,
          NoScoreReason.NO_RECENT_TAX_COMPLIANCE,
          List.of(),
          index,
          vector,
          latest,
          domains);
    }
    int total = deductions.stream().mapToInt(OrganisationRating.Deduction::points).sum();
    int rating = Math.max(model.floor(), model.start() - total);
    return new OrganisationRating(
        rating,
        model.gradeFor(rating),
        null,
        List.copyOf(deductions),
        index,
        vector,
        latest,
        domains);
  }

  /** The penalties that count as of the date: known, dated, and not imposed after it. */
  private static List<OrganisationFile.Penalty> countedPenalties(
      List<OrganisationFile.Penalty> penalties, LocalDate asOf) {
    return known(penalties, asOf).stream()
        .filter(p -> p.imposedOn() != null && !p.imposedOn().isAfter(asOf))
        .toList();
  }

  private static String domainOf(OrganisationFile.Penalty p) {
    return p.domain() == null || p.domain().isBlank() ? OrganisationRating.UNSPECIFIED : p.domain();
  }

  /** One summary per domain, in domain order (so the snapshot and the answer are stable). */
  public static List<OrganisationRating.PenaltyDomain> penaltyDomains(
      List<OrganisationFile.Penalty> penalties, LocalDate asOf) {
    Map<String, List<OrganisationFile.Penalty>> byDomain = new java.util.TreeMap<>();
    for (OrganisationFile.Penalty p : countedPenalties(penalties, asOf)) {
      byDomain.computeIfAbsent(domainOf(p), k -> new ArrayList<>()).add(p);
    }
    List<OrganisationRating.PenaltyDomain> out = new ArrayList<>(byDomain.size());
    byDomain.forEach(
        (domain, list) -> {
          LocalDate latest =
              list.stream()
                  .map(OrganisationFile.Penalty::imposedOn)
                  .max(Comparator.naturalOrder())
                  .orElseThrow();
          String worst =
              list.stream()
                  .map(OrganisationFile.Penalty::severity)
                  .filter(RatingModelValidator.SEVERITIES::contains)
                  .max(Comparator.comparingInt(RatingModelValidator.SEVERITIES::indexOf))
                  .orElse(null);
          int unresolved = (int) list.stream().filter(p -> !p.resolvedAsOf(asOf)).count();
          out.add(
              new OrganisationRating.PenaltyDomain(
                  domain,
                  list.size(),
                  unresolved,
                  worst,
                  latest,
                  Math.max(0, ChronoUnit.MONTHS.between(latest, asOf))));
        });
    return out;
  }

  /**
   * The model's repeated-penalties rule: per named domain, the penalties unresolved as of the date
   * and imposed within the window; each beyond the first costs {@code pointsPerRepeat}, capped per
   * domain. The deduction names the domain's latest such penalty. Penalties without a domain never
   * count as a pattern (nothing says they are related).
   */
  private static void repeatedPenalties(
      RatingModel model,
      List<OrganisationFile.Penalty> penalties,
      LocalDate asOf,
      List<OrganisationRating.Deduction> deductions) {
    RatingModel.RepeatedPenalties rule = model.repeatedPenalties();
    LocalDate from = asOf.minusMonths(rule.withinMonths());
    Map<String, List<OrganisationFile.Penalty>> byDomain = new java.util.TreeMap<>();
    for (OrganisationFile.Penalty p : countedPenalties(penalties, asOf)) {
      if (!p.resolvedAsOf(asOf)
          && p.imposedOn().isAfter(from)
          && !OrganisationRating.UNSPECIFIED.equals(domainOf(p))) {
        byDomain.computeIfAbsent(domainOf(p), k -> new ArrayList<>()).add(p);
      }
    }
    byDomain.forEach(
        (domain, list) -> {
          int repeats = list.size() - 1;
          int points = Math.min(rule.maxPointsPerDomain(), repeats * rule.pointsPerRepeat());
          if (repeats < 1 || points <= 0) {
            return;
          }
          OrganisationFile.Penalty latest =
              list.stream()
                  .max(
                      Comparator.comparing(OrganisationFile.Penalty::imposedOn)
                          .thenComparing(p -> p.recordId().toString()))
                  .orElseThrow();
          deductions.add(
              new OrganisationRating.Deduction(
                  latest.recordId(),
                  "REGULATORY_PENALTY",
                  rule.reasonCode(),
                  rule.reasonText(),
                  domain
                      + ": "
                      + list.size()
                      + " unresolved penalties imposed in the last "
                      + rule.withinMonths()
                      + " months",
                  points,
                  latest.imposedOn(),
                  Math.max(0, ChronoUnit.MONTHS.between(latest.imposedOn(), asOf))));
        });
  }

  private static void deduct(
      RatingModel model,
      List<OrganisationRating.Deduction> deductions,
      UUID recordId,
      String category,
      RatingModel.Rule rule,
      List<Integer> points,
      LocalDate dated,
      LocalDate asOf,
      String detail) {
    long age = Math.max(0, ChronoUnit.MONTHS.between(dated, asOf));
    int band = model.ageBand(age);
    int p = points.get(band);
    if (p > 0) {
      deductions.add(
          new OrganisationRating.Deduction(
              recordId,
              category,
              rule.reasonCode(),
              rule.reasonText(),
              detail + "; " + model.ageBands().get(band).name(),
              p,
              dated,
              age));
    }
  }

  /**
   * The payment index: amount-weighted average days beyond terms (DBT) of the invoices dated in the
   * window (after {@code asOf − windowMonths}, not after {@code asOf}) with an amount > 0, mapped
   * through the model's piecewise-linear curve (clamped at its ends), rounded half up.
   */
  public static OrganisationRating.PaymentIndex paymentIndex(
      RatingModel.PaymentIndexRule rule,
      List<OrganisationFile.TradePayment> payments,
      LocalDate asOf) {
    if (payments == null) {
      return new OrganisationRating.PaymentIndex(null, 0, null, true);
    }
    LocalDate from = asOf.minusMonths(rule.windowMonths());
    // in decimal: a binary sum depends on the order of its terms, and the invoices come in no
    // fixed order (the same file gave 12.62 or 12.63 days, and another snapshot hash)
    BigDecimal amount = BigDecimal.ZERO;
    BigDecimal weighted = BigDecimal.ZERO;
    int invoices = 0;
    for (OrganisationFile.TradePayment t : known(payments, asOf)) {
      if (t.invoiceDate() == null
          || !t.invoiceDate().isAfter(from)
          || t.invoiceDate().isAfter(asOf)
          || t.invoiceAmount() == null
          || t.invoiceAmount() <= 0
          || t.daysBeyondTerms() == null) {
        continue;
      }
      invoices++;
      BigDecimal invoiceAmount = BigDecimal.valueOf(t.invoiceAmount());
      amount = amount.add(invoiceAmount);
      weighted = weighted.add(invoiceAmount.multiply(BigDecimal.valueOf(t.daysBeyondTerms())));
    }
    if (invoices < rule.minimumInvoices()) {
      return new OrganisationRating.PaymentIndex(null, invoices, null, true);
    }
    double dbt = weighted.divide(amount, 2, RoundingMode.HALF_UP).doubleValue();
    return new OrganisationRating.PaymentIndex(indexFor(rule, dbt), invoices, dbt, false);
  }

  /** The curve at {@code dbt}: linear between its points, flat beyond its ends; 1..100. */
  public static int indexFor(RatingModel.PaymentIndexRule rule, double dbt) {
    List<RatingModel.CurvePoint> c = rule.curve();
    double value;
    if (dbt <= c.get(0).daysBeyondTerms()) {
      value = c.get(0).index();
    } else if (dbt >= c.get(c.size() - 1).daysBeyondTerms()) {
      value = c.get(c.size() - 1).index();
    } else {
      value = c.get(0).index();
      for (int i = 1; i < c.size(); i++) {
        RatingModel.CurvePoint a = c.get(i - 1);
        RatingModel.CurvePoint b = c.get(i);
        if (dbt <= b.daysBeyondTerms()) {
          double t = (dbt - a.daysBeyondTerms()) / (b.daysBeyondTerms() - a.daysBeyondTerms());
          value = a.index() + t * (b.index() - a.index());
          break;
        }
      }
    }
    int rounded = BigDecimal.valueOf(value).setScale(0, RoundingMode.HALF_UP).intValue();
    return Math.max(1, Math.min(100, rounded));
  }

  private static <T> List<T> known(List<T> records, LocalDate asOf) {
    if (records == null) {
      return List.of();
    }
    return records.stream().filter(r -> !reportedOn(r).isAfter(asOf)).toList();
  }

  private static LocalDate reportedOn(Object r) {
    LocalDate d = null;
    if (r instanceof OrganisationFile.TaxCompliance t) {
      d = t.reportedOn();
    } else if (r instanceof OrganisationFile.Penalty p) {
      d = p.reportedOn();
    } else if (r instanceof OrganisationFile.Judgment j) {
      d = j.reportedOn();
    } else if (r instanceof OrganisationFile.TradePayment t) {
      d = t.reportedOn();
    }
    return d == null ? LocalDate.MIN : d;
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    if (a == null) {
      return b;
    }
    return b == null || !b.isAfter(a) ? a : b;
  }
}
