package dev.credence.scoring.service;

import dev.credence.common.events.Purpose;
import dev.credence.scoring.domain.NoScoreReason;
import dev.credence.scoring.domain.OrganisationRating;
import dev.credence.scoring.domain.ReasonCode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A released answer as the lender sees it, whether just computed or read back later. */
public record DisclosureView(
    UUID disclosureId,
    String subjectId,
    String lenderId,
    Purpose purpose,
    UUID consentId,
    String outcome,
    Integer score,
    int scaleMin,
    int scaleMax,
    String band,
    List<ReasonCode> reasonCodes,
    NoScoreReason noScoreReason,
    String modelId,
    String modelVersion,
    LocalDate dataAsOf,
    Instant computedAt,
    String snapshotHash,
    String subjectType,
    int disputedRecords,
    OrganisationPart organisation) {

  /** What only an organisation's answer carries; null for a person. */
  public record OrganisationPart(
      Integer paymentIndex,
      int paymentIndexInvoices,
      Double weightedDaysBeyondTerms,
      List<OrganisationRating.Deduction> deductions,
      List<OrganisationRating.PenaltyDomain> penaltyDomains) {}

  public static final String SCORED = "SCORED";
  public static final String NO_SCORE = "NO_SCORE";
}
