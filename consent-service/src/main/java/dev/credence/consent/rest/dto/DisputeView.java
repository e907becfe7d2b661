package dev.credence.consent.rest.dto;

import dev.credence.common.events.DisputeStatus;
import dev.credence.consent.model.Dispute;
import java.time.Instant;
import java.util.UUID;

public record DisputeView(
    UUID id,
    String subjectId,
    UUID recordId,
    UUID currentRecordId,
    String furnisherId,
    String reason,
    String openedBy,
    Instant openedAt,
    boolean recordChecked,
    DisputeStatus status,
    Instant statusChangedAt) {
  public static DisputeView of(Dispute d) {
    return new DisputeView(
        d.id,
        d.subjectId,
        d.recordId,
        d.currentRecord(),
        d.furnisherId,
        d.reason,
        d.openedBy,
        d.openedAt,
        d.recordChecked,
        d.status,
        d.statusChangedAt);
  }
}
