package dev.credence.consent.rest.dto;

import dev.credence.common.events.ConsentStatus;
import dev.credence.consent.model.ConsentHistoryEntry;
import java.time.Instant;

public record HistoryEntryView(
    long sequence,
    ConsentStatus fromStatus,
    ConsentStatus toStatus,
    Instant changedAt,
    String changedBy,
    String reason) {
  public static HistoryEntryView of(ConsentHistoryEntry h) {
    return new HistoryEntryView(
        h.key.sequence(), h.fromStatus, h.toStatus, h.changedAt, h.changedBy, h.reason);
  }
}
