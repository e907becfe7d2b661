package dev.credence.scoring.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An organisation's compliance rating (or why there is none), its grade, the records that cost
 * points, its payment index, and the snapshot of the inputs it was computed from.
 */
public record OrganisationRating(
    Integer rating,
    String grade,
    NoScoreReason noScoreReason,
    List<Deduction> deductions,
    PaymentIndex paymentIndex,
    FeatureVector snapshot,
    LocalDate dataAsOf,
    List<PenaltyDomain> penaltyDomains) {

  /**
   * The regulatory penalties of one domain (ENVIRONMENT, LABOUR, TAX, …) known as of the date: how
   * many, how many still unresolved, the worst severity, and how recent the latest is. Penalties
   * without a domain are summarised under {@link #UNSPECIFIED}.
   */
  public record PenaltyDomain(
      String domain,
      int penalties,
      int unresolved,
      String worstSeverity,
      LocalDate latestImposedOn,
      long monthsSinceLatest) {}

  public static final String UNSPECIFIED = "UNSPECIFIED";

  /**
   * One record that cost points: which, why (the rule's reason code and text, and the record's own
   * details), how old, and how many points.
   */
  public record Deduction(
      UUID recordId,
      String category,
      String reasonCode,
      String text,
      String detail,
      int points,
      LocalDate dated,
      long ageMonths) {}

  /**
   * 1–100 (80 = pays on time) from the amount-weighted days beyond terms of the invoices in the
   * window; {@code index} is null with {@code insufficientData} true under the minimum invoices.
   */
  public record PaymentIndex(
      Integer index, int invoices, Double weightedDaysBeyondTerms, boolean insufficientData) {}

  public boolean rated() {
    return rating != null;
  }
}
