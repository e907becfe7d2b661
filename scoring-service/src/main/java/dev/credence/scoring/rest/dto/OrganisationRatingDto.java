package dev.credence.scoring.rest.dto;

import dev.credence.scoring.domain.OrganisationRating;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an organisation's answer adds: the compliance rating explained, and the payment index. */
public record OrganisationRatingDto(
    @Schema(nullable = true, description = "0-100: 100 minus the deductions, floored at 0")
        Integer complianceRating,
    @Schema(nullable = true, description = "A >= 90, B 70-89, C 40-69, D < 40") String grade,
    PaymentIndexDto paymentIndex,
    @Schema(description = "Every record that cost points, costliest first")
        List<DeductionDto> deductions,
    @Schema(
            description =
                "The regulatory penalties summarised per domain (ENVIRONMENT, LABOUR, TAX, …):"
                    + " count, unresolved, worst severity, latest; UNSPECIFIED for penalties"
                    + " reported without a domain")
        List<OrganisationRating.PenaltyDomain> penaltyDomains) {

  /** 1-100, 80 = pays on time; null with insufficientData under the minimum invoices. */
  public record PaymentIndexDto(
      @Schema(nullable = true) Integer index,
      int invoices,
      @Schema(nullable = true, description = "Amount-weighted days beyond terms")
          Double weightedDaysBeyondTerms,
      boolean insufficientData) {}

  public record DeductionDto(
      UUID recordId,
      String category,
      String reasonCode,
      String text,
      String detail,
      int points,
      LocalDate dated,
      long ageMonths) {}

  /** The rating part of an answer, from the domain's rating. */
  public static OrganisationRatingDto of(
      Integer rating,
      String grade,
      OrganisationRating.PaymentIndex index,
      List<OrganisationRating.Deduction> deductions,
      List<OrganisationRating.PenaltyDomain> penaltyDomains) {
    return new OrganisationRatingDto(
        rating,
        grade,
        new PaymentIndexDto(
            index.index(),
            index.invoices(),
            index.weightedDaysBeyondTerms(),
            index.insufficientData()),
        deductions.stream()
            .map(
                d ->
                    new DeductionDto(
                        d.recordId(),
                        d.category(),
                        d.reasonCode(),
                        d.text(),
                        d.detail(),
                        d.points(),
                        d.dated(),
                        d.ageMonths()))
            .toList(),
        penaltyDomains);
  }
}
