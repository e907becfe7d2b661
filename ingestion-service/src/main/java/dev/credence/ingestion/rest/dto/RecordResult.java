package dev.credence.ingestion.rest.dto;

import dev.credence.ingestion.domain.Outcome;
import java.util.UUID;

/** The outcome of one record, in request order. */
public record RecordResult(
    String furnisherRecordId, Outcome outcome, UUID recordId, Reason reason) {}
