package dev.credence.consent.rest.dto;

import dev.credence.consent.model.AccessLogEntry;
import dev.credence.consent.model.Grantee;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who obtained the subject's score (with the name, address and telephone number the lender
 * registered), when, for which purpose, under which consent, and what it was given: the score, the
 * model and the feature snapshot it was computed from.
 */
public record AccessLogView(
    long sequence,
    UUID disclosureId,
    String subjectId,
    String lenderId,
    RecipientView lender,
    String purpose,
    UUID consentId,
    String outcome,
    Integer score,
    String modelId,
    String modelVersion,
    String snapshotHash,
    Instant disclosedAt,
    int contentVersion,
    String entryHash) {
  public static AccessLogView of(AccessLogEntry e, Grantee lender) {
    return new AccessLogView(
        e.sequence,
        e.disclosureId,
        e.subjectId,
        e.lenderId,
        RecipientView.of(e.lenderId, lender),
        e.purpose,
        e.consentId,
        e.outcome,
        e.score,
        e.modelId,
        e.modelVersion,
        e.snapshotHash,
        e.disclosedAt,
        e.contentVersion,
        e.entryHash);
  }

  /** A page of entries, their lenders read in one query. */
  public static List<AccessLogView> list(List<AccessLogEntry> entries) {
    Map<String, Grantee> lenders =
        Grantee.byClientIds(entries.stream().map(e -> e.lenderId).toList());
    return entries.stream().map(e -> of(e, lenders.get(e.lenderId))).toList();
  }
}
