package dev.credence.scoring.rest.dto;

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
        List<DeductionDto> deductions) {

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
}
