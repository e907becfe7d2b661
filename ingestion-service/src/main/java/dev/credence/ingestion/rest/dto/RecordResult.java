package dev.credence.ingestion.rest.dto;

import dev.credence.ingestion.domain.Outcome;
import java.util.UUID;

/**
 * The outcome of one record, in request order. {@code recordId}: the new record (ACCEPTED,
 * SUPERSEDED) or the one already held (DUPLICATE); {@code supersedes}: the version a correction
 * replaced (SUPERSEDED only).
 */
public record RecordResult(
    String furnisherRecordId, Outcome outcome, UUID recordId, UUID supersedes, Reason reason) {}
