package dev.credence.consent.rest.dto;

import dev.credence.common.events.ConsentStatus;
import java.time.Instant;

public record HistoryEntryView(
    long sequence,
    ConsentStatus fromStatus,
    ConsentStatus toStatus,
    Instant changedAt,
    String changedBy,
    String reason) {}
