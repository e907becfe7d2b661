package dev.credence.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The versioned envelope every Credence event travels in. The Kafka key is always {@link
 * #subjectId()} so that one subject's events stay in order.
 */
public record EventEnvelope(
    UUID eventId,
    String type,
    int version,
    String subjectId,
    Instant occurredAt,
    String producer,
    JsonNode payload) {}
