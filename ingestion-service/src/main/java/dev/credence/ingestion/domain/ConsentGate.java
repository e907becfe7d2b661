package dev.credence.ingestion.domain;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.SubjectType;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The consent gate: consent first, data second. A record of a person may be collected only under an
 * {@code ACTIVE} {@code COLLECT} consent of that person, granted to that furnisher, naming that
 * category, and in force now ({@code startsAt <= now < expiresAt}). Expiry is enforced by the clock
 * even when no {@code EXPIRED} event has arrived yet; a consent the projection does not know is no
 * consent (stale-safe).
 *
 * <p>Organisation public records ({@code TAX_COMPLIANCE}, {@code REGULATORY_PENALTY}, {@code
 * COURT_JUDGMENT}) need no consent but name their legal basis in the record; {@code TRADE_PAYMENT}
 * is a private record of an organisation and needs the organisation's {@code COLLECT} consent.
 */
public final class ConsentGate {
  private ConsentGate() {}

  /** Whether records of this category are bound to a {@code COLLECT} consent of the subject. */
  public static boolean requiresConsent(DataCategory category) {
    return !isPublicRecord(category);
  }

  /** Organisation public records: furnished on a named legal basis, never erased by consent. */
  public static boolean isPublicRecord(DataCategory category) {
    return category.subjectType() == SubjectType.ORGANISATION
        && category != DataCategory.TRADE_PAYMENT;
  }

  /** The consent that permits collecting this record, if any. */
  public static Optional<CollectConsent> permitting(
      Collection<CollectConsent> subjectConsents,
      String furnisherId,
      DataCategory category,
      Instant now) {
    return subjectConsents.stream().filter(c -> permits(c, furnisherId, category, now)).findFirst();
  }

  static boolean permits(CollectConsent c, String furnisherId, DataCategory category, Instant now) {
    return c.status() == ConsentStatus.ACTIVE
        && c.direction() == ConsentDirection.COLLECT
        && furnisherId.equals(c.granteeId())
        && c.categories().contains(category)
        && !now.isBefore(c.startsAt())
        && now.isBefore(c.expiresAt());
  }
}
