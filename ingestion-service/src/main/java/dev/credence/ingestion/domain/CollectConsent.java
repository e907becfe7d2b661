package dev.credence.ingestion.domain;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What the consent gate needs to know of one consent (from the local consent projection). */
public record CollectConsent(
    UUID consentId,
    String granteeId,
    ConsentDirection direction,
    Set<DataCategory> categories,
    ConsentStatus status,
    Instant startsAt,
    Instant expiresAt) {}
