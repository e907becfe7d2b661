package dev.credence.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A subject disputes one record held about them. Published by consent-service (where disputes are
 * opened) on the consent topic keyed by subject id; ingestion flags the record and notifies the
 * furnisher. {@code reason} is the subject's own words and is personal data: never log it.
 */
public record DisputeOpened(
    UUID disputeId, String subjectId, UUID recordId, String reason, Instant openedAt) {}
