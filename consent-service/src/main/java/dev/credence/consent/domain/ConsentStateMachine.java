package dev.credence.consent.domain;

import dev.credence.common.events.ConsentStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The consent life cycle: {@code PENDING → ACTIVE | REJECTED | EXPIRED}, {@code ACTIVE → REVOKED |
 * EXPIRED}; REJECTED, REVOKED and EXPIRED are final. Expiry is decided by time: a consent past its
 * expiry is EXPIRED whatever its stored status says.
 */
public final class ConsentStateMachine {
  private static final Map<ConsentStatus, Set<ConsentStatus>> ALLOWED =
      Map.of(
          ConsentStatus.PENDING,
              Set.of(ConsentStatus.ACTIVE, ConsentStatus.REJECTED, ConsentStatus.EXPIRED),
          ConsentStatus.ACTIVE, Set.of(ConsentStatus.REVOKED, ConsentStatus.EXPIRED),
          ConsentStatus.REJECTED, Set.of(),
          ConsentStatus.REVOKED, Set.of(),
          ConsentStatus.EXPIRED, Set.of());

  private ConsentStateMachine() {}

  public static boolean canTransition(ConsentStatus from, ConsentStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  /** The status as of {@code now}: stored PENDING or ACTIVE past expiry reads as EXPIRED. */
  public static ConsentStatus effectiveStatus(
      ConsentStatus stored, Instant expiresAt, Instant now) {
    if ((stored == ConsentStatus.ACTIVE || stored == ConsentStatus.PENDING)
        && !now.isBefore(expiresAt)) {
      return ConsentStatus.EXPIRED;
    }
    return stored;
  }

  /** True when the consent permits its use at {@code now} (active, started, not expired). */
  public static boolean inForce(
      ConsentStatus stored, Instant startsAt, Instant expiresAt, Instant now) {
    return effectiveStatus(stored, expiresAt, now) == ConsentStatus.ACTIVE
        && !now.isBefore(startsAt);
  }
}
