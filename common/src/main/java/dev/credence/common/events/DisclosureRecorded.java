package dev.credence.common.events;

import java.time.Instant;
import java.util.UUID;

/** A score was released to a lender (who, whom, purpose, consent, score, model, snapshot hash). */
public record DisclosureRecorded(
    UUID disclosureId,
    String subjectId,
    String lenderId,
    Purpose purpose,
    UUID consentId,
    String outcome,
    Integer score,
    String modelId,
    String modelVersion,
    String snapshotHash,
    Instant disclosedAt) {}
