package dev.credence.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Every step of a dispute after it reached ingestion (flagged, verified, corrected, deleted,
 * suppressed). Published by ingestion on the records topic keyed by subject id; consent-service
 * shows it to the subject, scoring marks the record as disputed while {@link DisputeStatus#OPEN}.
 * {@code sequence} orders the steps of one dispute: the highest wins.
 */
public record DisputeUpdated(
    UUID disputeId,
    long sequence,
    String subjectId,
    UUID recordId,
    String furnisherId,
    DisputeStatus status,
    Instant changedAt) {}
