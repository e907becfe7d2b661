package dev.credence.consent.rest.dto;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.consent.model.Consent;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A consent as the API shows it; {@code status} is the status in force now (expiry by time). */
public record ConsentView(
    UUID id,
    String subjectId,
    String granteeId,
    ConsentDirection direction,
    Purpose purpose,
    String purposeText,
    Set<DataCategory> categories,
    ConsentStatus status,
    Instant startsAt,
    Instant expiresAt,
    Integer usageLimit,
    Instant createdAt,
    String requestedBy) {

  public static ConsentView of(Consent c, Instant now) {
    return new ConsentView(
        c.id,
        c.subjectId,
        c.granteeId,
        c.direction,
        c.purpose,
        c.purpose.text(),
        c.categorySet(),
        c.effectiveStatus(now),
        c.startsAt,
        c.expiresAt,
        c.usageLimit,
        c.createdAt,
        c.requestedBy);
  }
}
