package dev.credence.scoring.rest.dto;

import dev.credence.common.events.Purpose;
import dev.credence.scoring.domain.OrganisationRating;
import dev.credence.scoring.service.DisclosureView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A released score (or NO_SCORE) and everything needed to act on and defend it. */
public record ScoreResponse(
    UUID disclosureId,
    String subjectId,
    Purpose purpose,
    UUID consentId,
    @Schema(enumeration = {"SCORED", "NO_SCORE"}) String outcome,
    @Schema(nullable = true) Integer score,
    Scale scale,
    @Schema(nullable = true) String band,
    List<ReasonCodeDto> reasonCodes,
    @Schema(nullable = true) NoScoreReasonDto noScoreReason,
    ModelRef model,
    @Schema(nullable = true, description = "Latest reporting date of the records used")
        LocalDate dataAsOf,
    Instant computedAt,
    @Schema(description = "SHA-256 of the canonical model id, version and feature values")
        String snapshotHash,
    @Schema(enumeration = {"PERSON", "ORGANISATION"}) String subjectType,
    @Schema(
            description =
                "How many of the records this answer drew on the subject disputes (dispute open):"
                    + " they still count, and are reported as disputed (FCRA §611, §623(a)(3))")
        int disputedRecords,
    @Schema(nullable = true, description = "Organisations only: rating, grade, payment index")
        OrganisationRatingDto organisation) {

  public static ScoreResponse from(DisclosureView v) {
    return new ScoreResponse(
        v.disclosureId(),
        v.subjectId(),
        v.purpose(),
        v.consentId(),
        v.outcome(),
        v.score(),
        new Scale(v.scaleMin(), v.scaleMax()),
        v.band(),
        v.reasonCodes().stream()
            .map(r -> new ReasonCodeDto(r.code(), r.text(), r.pointsLost()))
            .toList(),
        v.noScoreReason() == null
            ? null
            : new NoScoreReasonDto(v.noScoreReason().name(), v.noScoreReason().text()),
        new ModelRef(v.modelId(), v.modelVersion()),
        v.dataAsOf(),
        v.computedAt(),
        v.snapshotHash(),
        v.subjectType(),
        v.disputedRecords(),
        organisation(v));
  }

  private static OrganisationRatingDto organisation(DisclosureView v) {
    DisclosureView.OrganisationPart o = v.organisation();
    if (o == null) {
      return null;
    }
    return OrganisationRatingDto.of(
        v.score(),
        v.band(),
        new OrganisationRating.PaymentIndex(
            o.paymentIndex(),
            o.paymentIndexInvoices(),
            o.weightedDaysBeyondTerms(),
            o.paymentIndex() == null),
        o.deductions(),
        o.penaltyDomains());
  }
}
