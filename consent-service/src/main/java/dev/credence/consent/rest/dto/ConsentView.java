package dev.credence.consent.rest.dto;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.consent.model.Consent;
import dev.credence.consent.model.Grantee;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A consent as the API shows it; {@code status} is the status in force now (expiry by time). */
public record ConsentView(
    UUID id,
    String subjectId,
    String granteeId,
    RecipientView grantee,
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
    return of(c, now, Grantee.findById(c.granteeId));
  }

  /** Consents, their grantees read in one query. */
  public static List<ConsentView> list(List<Consent> consents, Instant now) {
    Map<String, Grantee> grantees =
        Grantee.byClientIds(consents.stream().map(c -> c.granteeId).toList());
    return consents.stream().map(c -> of(c, now, grantees.get(c.granteeId))).toList();
  }

  public static ConsentView of(Consent c, Instant now, Grantee grantee) {
    return new ConsentView(
        c.id,
        c.subjectId,
        c.granteeId,
        RecipientView.of(c.granteeId, grantee),
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
