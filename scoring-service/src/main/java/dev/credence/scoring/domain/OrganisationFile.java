package dev.credence.scoring.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What an organisation's rating is computed from: its TAX_COMPLIANCE, REGULATORY_PENALTY,
 * COURT_JUDGMENT and TRADE_PAYMENT records. A list is {@code null} when the disclosing consent does
 * not cover that category. Each record carries its record id (the deductions name it) and the date
 * it was reported; a record with an unreadable date it is rated by does not count.
 */
public record OrganisationFile(
    List<TaxCompliance> taxCompliance,
    List<Penalty> penalties,
    List<Judgment> judgments,
    List<TradePayment> tradePayments) {

  /** TAX_COMPLIANCE: status COMPLIANT, ARREARS or NON_FILER for the period ending periodEnd. */
  public record TaxCompliance(
      UUID recordId,
      String status,
      LocalDate periodEnd,
      Double arrearsAmount,
      LocalDate reportedOn) {}

  /** REGULATORY_PENALTY: domain, severity MINOR..SEVERE, imposed on a date, maybe resolved. */
  public record Penalty(
      UUID recordId,
      String domain,
      String severity,
      Double amount,
      LocalDate imposedOn,
      boolean resolved,
      LocalDate resolvedOn,
      LocalDate reportedOn) {

    /** Resolved as of the date: flagged resolved, and resolvedOn (if given) not after it. */
    public boolean resolvedAsOf(LocalDate asOf) {
      return resolved && (resolvedOn == null || !resolvedOn.isAfter(asOf));
    }
  }

  /** COURT_JUDGMENT: judgment on a date, maybe satisfied. */
  public record Judgment(
      UUID recordId,
      Double amount,
      LocalDate judgmentOn,
      boolean satisfied,
      LocalDate satisfiedOn,
      LocalDate reportedOn) {

    public boolean satisfiedAsOf(LocalDate asOf) {
      return satisfied && (satisfiedOn == null || !satisfiedOn.isAfter(asOf));
    }
  }

  /** TRADE_PAYMENT: one invoice, its terms and how many days beyond them it was paid. */
  public record TradePayment(
      UUID recordId,
      Double invoiceAmount,
      LocalDate invoiceDate,
      Integer termsDays,
      Integer daysBeyondTerms,
      LocalDate paidOn,
      LocalDate reportedOn) {}
}
