package dev.credence.consent.rest.dto;

import dev.credence.consent.model.AccessLogEntry;
import java.time.Instant;
import java.util.UUID;

/** Who obtained the subject's score, when, for which purpose, under which consent. */
public record AccessLogView(
    long sequence,
    UUID disclosureId,
    String subjectId,
    String lenderId,
    String purpose,
    UUID consentId,
    String outcome,
    Instant disclosedAt,
    String entryHash) {
  public static AccessLogView of(AccessLogEntry e) {
    return new AccessLogView(
        e.sequence,
        e.disclosureId,
        e.subjectId,
        e.lenderId,
        e.purpose,
        e.consentId,
        e.outcome,
        e.disclosedAt,
        e.entryHash);
  }
}
