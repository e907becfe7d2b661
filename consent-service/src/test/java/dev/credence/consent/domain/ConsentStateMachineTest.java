package dev.credence.consent.domain;

import static dev.credence.common.events.ConsentStatus.ACTIVE;
import static dev.credence.common.events.ConsentStatus.EXPIRED;
import static dev.credence.common.events.ConsentStatus.PENDING;
import static dev.credence.common.events.ConsentStatus.REJECTED;
import static dev.credence.common.events.ConsentStatus.REVOKED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.ConsentStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConsentStateMachineTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @Test
  void pendingBecomesActiveOrRejected() {
    assertTrue(ConsentStateMachine.canTransition(PENDING, ACTIVE));
    assertTrue(ConsentStateMachine.canTransition(PENDING, REJECTED));
  }

  @Test
  void activeBecomesRevokedOrExpiredOnly() {
    assertTrue(ConsentStateMachine.canTransition(ACTIVE, REVOKED));
    assertTrue(ConsentStateMachine.canTransition(ACTIVE, EXPIRED));
    assertFalse(ConsentStateMachine.canTransition(ACTIVE, PENDING));
    assertFalse(ConsentStateMachine.canTransition(ACTIVE, REJECTED));
  }

  @ParameterizedTest
  @EnumSource(ConsentStatus.class)
  void finalStatusesNeverChange(ConsentStatus to) {
    assertFalse(ConsentStateMachine.canTransition(REVOKED, to));
    assertFalse(ConsentStateMachine.canTransition(REJECTED, to));
    assertFalse(ConsentStateMachine.canTransition(EXPIRED, to));
  }

  @Test
  void anActiveConsentPastItsExpiryReadsAsExpired() {
    assertEquals(EXPIRED, ConsentStateMachine.effectiveStatus(ACTIVE, NOW, NOW));
    assertEquals(EXPIRED, ConsentStateMachine.effectiveStatus(ACTIVE, NOW.minusSeconds(1), NOW));
    assertEquals(ACTIVE, ConsentStateMachine.effectiveStatus(ACTIVE, NOW.plusSeconds(1), NOW));
  }

  @Test
  void aRevokedConsentStaysRevokedAfterExpiry() {
    assertEquals(REVOKED, ConsentStateMachine.effectiveStatus(REVOKED, NOW.minusSeconds(5), NOW));
  }

  @Test
  void aConsentIsInForceOnlyBetweenStartAndExpiry() {
    assertFalse(
        ConsentStateMachine.inForce(ACTIVE, NOW.plusSeconds(10), NOW.plusSeconds(100), NOW));
    assertTrue(ConsentStateMachine.inForce(ACTIVE, NOW, NOW.plusSeconds(100), NOW));
    assertFalse(ConsentStateMachine.inForce(ACTIVE, NOW.minusSeconds(100), NOW, NOW));
    assertFalse(
        ConsentStateMachine.inForce(PENDING, NOW.minusSeconds(100), NOW.plusSeconds(100), NOW));
  }
}
