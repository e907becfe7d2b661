package dev.credence.common.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The full current state of one consent after a change. Consumers replace their view of the consent
 * with it (last writer by {@code sequence} wins), so a replayed or reordered event changes nothing.
 */
public record ConsentChanged(
    UUID consentId,
    long sequence,
    String subjectId,
    String granteeId,
    ConsentDirection direction,
    Purpose purpose,
    List<DataCategory> categories,
    ConsentStatus status,
    Instant startsAt,
    Instant expiresAt,
    Integer usageLimit,
    Instant changedAt,
    String reason) {}
