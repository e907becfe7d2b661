package dev.credence.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConsentGateTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final String FURNISHER = "demo-furnisher";

  private static CollectConsent consent(
      String grantee,
      ConsentDirection direction,
      Set<DataCategory> categories,
      ConsentStatus status,
      Instant startsAt,
      Instant expiresAt) {
    return new CollectConsent(
        UUID.randomUUID(), grantee, direction, categories, status, startsAt, expiresAt);
  }

  private static CollectConsent active() {
    return consent(
        FURNISHER,
        ConsentDirection.COLLECT,
        Set.of(DataCategory.TRADELINE, DataCategory.PAYMENT),
        ConsentStatus.ACTIVE,
        NOW.minus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(365)));
  }

  private static boolean permitted(CollectConsent c) {
    return ConsentGate.permitting(List.of(c), FURNISHER, DataCategory.TRADELINE, NOW).isPresent();
  }

  @Test
  void permitsUnderAnActiveCollectConsentForThatFurnisherAndCategory() {
    CollectConsent c = active();
    assertEquals(
        Optional.of(c), ConsentGate.permitting(List.of(c), FURNISHER, DataCategory.TRADELINE, NOW));
  }

  @Test
  void refusesWithoutAnyConsent() {
    assertTrue(ConsentGate.permitting(List.of(), FURNISHER, DataCategory.TRADELINE, NOW).isEmpty());
  }

  @Test
  void refusesAfterExpiryEvenWhileTheStatusStillSaysActive() {
    CollectConsent c = active();
    CollectConsent expired =
        consent(
            FURNISHER,
            ConsentDirection.COLLECT,
            c.categories(),
            ConsentStatus.ACTIVE,
            NOW.minus(Duration.ofDays(30)),
            NOW.minusSeconds(1));
    assertFalse(permitted(expired));
  }

  @Test
  void refusesAtTheExactExpiryInstant() {
    CollectConsent c =
        consent(
            FURNISHER,
            ConsentDirection.COLLECT,
            Set.of(DataCategory.TRADELINE),
            ConsentStatus.ACTIVE,
            NOW.minus(Duration.ofDays(1)),
            NOW);
    assertFalse(permitted(c));
  }

  @Test
  void refusesBeforeTheConsentStarts() {
    CollectConsent c =
        consent(
            FURNISHER,
            ConsentDirection.COLLECT,
            Set.of(DataCategory.TRADELINE),
            ConsentStatus.ACTIVE,
            NOW.plusSeconds(1),
            NOW.plus(Duration.ofDays(30)));
    assertFalse(permitted(c));
  }

  @Test
  void permitsFromTheExactStartInstant() {
    CollectConsent c =
        consent(
            FURNISHER,
            ConsentDirection.COLLECT,
            Set.of(DataCategory.TRADELINE),
            ConsentStatus.ACTIVE,
            NOW,
            NOW.plus(Duration.ofDays(30)));
    assertTrue(permitted(c));
  }

  @Test
  void refusesAConsentGrantedToAnotherFurnisher() {
    CollectConsent c = active();
    CollectConsent other =
        consent(
            "other-furnisher",
            c.direction(),
            c.categories(),
            c.status(),
            c.startsAt(),
            c.expiresAt());
    assertFalse(permitted(other));
  }

  @Test
  void refusesAConsentForAnotherCategory() {
    CollectConsent c = active();
    CollectConsent paymentsOnly =
        consent(
            FURNISHER,
            c.direction(),
            Set.of(DataCategory.PAYMENT),
            c.status(),
            c.startsAt(),
            c.expiresAt());
    assertFalse(permitted(paymentsOnly));
  }

  @Test
  void refusesADiscloseConsentWhereACollectConsentIsNeeded() {
    CollectConsent c = active();
    CollectConsent disclose =
        consent(
            FURNISHER,
            ConsentDirection.DISCLOSE,
            c.categories(),
            c.status(),
            c.startsAt(),
            c.expiresAt());
    assertFalse(permitted(disclose));
  }

  @Test
  void refusesRevokedPendingRejectedAndExpiredConsents() {
    CollectConsent c = active();
    for (ConsentStatus status :
        List.of(
            ConsentStatus.REVOKED,
            ConsentStatus.PENDING,
            ConsentStatus.REJECTED,
            ConsentStatus.EXPIRED)) {
      CollectConsent notActive =
          consent(FURNISHER, c.direction(), c.categories(), status, c.startsAt(), c.expiresAt());
      assertFalse(permitted(notActive), status + " must not permit collection");
    }
  }

  @Test
  void findsThePermittingConsentAmongRevokedOnes() {
    CollectConsent good = active();
    CollectConsent revoked =
        consent(
            FURNISHER,
            good.direction(),
            good.categories(),
            ConsentStatus.REVOKED,
            good.startsAt(),
            good.expiresAt());
    assertEquals(
        Optional.of(good),
        ConsentGate.permitting(List.of(revoked, good), FURNISHER, DataCategory.TRADELINE, NOW));
  }

  @Test
  void bindsPersonCategoriesToConsentButNotOrganisationPublicRecords() {
    assertTrue(ConsentGate.requiresConsent(DataCategory.TRADELINE));
    assertTrue(ConsentGate.requiresConsent(DataCategory.INCOME));
    assertFalse(ConsentGate.requiresConsent(DataCategory.TAX_COMPLIANCE));
    assertFalse(ConsentGate.requiresConsent(DataCategory.COURT_JUDGMENT));
  }

  @Test
  void permitsExactlyInsideTheWindowForEveryStartAndLength() {
    List<Long> offsets = List.of(-86_400L, -3_600L, -1L, 0L, 1L, 3_600L, 86_400L);
    List<Long> lengths = List.of(1L, 2L, 3_600L, 86_400L, 172_800L);
    int checked = 0;
    for (long startOffset : offsets) {
      for (long length : lengths) {
        Instant startsAt = NOW.plusSeconds(startOffset);
        Instant expiresAt = startsAt.plusSeconds(length);
        CollectConsent c =
            consent(
                FURNISHER,
                ConsentDirection.COLLECT,
                Set.of(DataCategory.TRADELINE),
                ConsentStatus.ACTIVE,
                startsAt,
                expiresAt);
        boolean inside = !NOW.isBefore(startsAt) && NOW.isBefore(expiresAt);
        assertEquals(inside, permitted(c), "window " + startsAt + " .. " + expiresAt);
        checked++;
      }
    }
    assertEquals(35, checked);
  }
}
