package dev.credence.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A furnished record passed every gate in ingestion; {@code data} matches the category's schema.
 */
public record RecordAccepted(
    UUID recordId,
    String subjectId,
    String furnisherId,
    String furnisherRecordId,
    DataCategory category,
    LocalDate reportedOn,
    JsonNode data) {}
