package dev.credence.ingestion.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An accepted record as its furnisher sees it. */
public record RecordView(
    UUID recordId,
    String furnisherRecordId,
    String category,
    int schemaVersion,
    String subjectId,
    LocalDate reportedOn,
    Instant receivedAt,
    String status,
    JsonNode data) {}
