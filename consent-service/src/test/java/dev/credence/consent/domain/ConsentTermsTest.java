package dev.credence.consent.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.common.events.SubjectType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsentTermsTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private static ConsentTerms terms(
      ConsentDirection direction, Purpose purpose, Set<DataCategory> categories, Instant expires) {
    return new ConsentTerms("demo-lender", direction, purpose, categories, NOW, expires, null);
  }

  private static List<String> fields(ConsentTerms t) {
    return t.violations(SubjectType.PERSON, NOW).stream()
        .map(ConsentTerms.Violation::field)
        .toList();
  }

  @Test
  void validDiscloseTermsHaveNoViolations() {
    ConsentTerms t =
        terms(
            ConsentDirection.DISCLOSE,
            Purpose.CREDIT_APPLICATION,
            Set.of(DataCategory.TRADELINE),
            NOW.plus(Duration.ofDays(30)));
    assertTrue(t.violations(SubjectType.PERSON, NOW).isEmpty());
  }

  @Test
  void aPurposeOfTheOtherDirectionIsRefused() {
    ConsentTerms t =
        terms(
            ConsentDirection.DISCLOSE,
            Purpose.FURNISHING,
            Set.of(DataCategory.TRADELINE),
            NOW.plus(Duration.ofDays(30)));
    assertEquals(List.of("purpose"), fields(t));
  }

  @Test
  void anOrganisationCategoryIsRefusedForAPerson() {
    ConsentTerms t =
        terms(
            ConsentDirection.COLLECT,
            Purpose.FURNISHING,
            Set.of(DataCategory.TAX_COMPLIANCE),
            NOW.plus(Duration.ofDays(30)));
    assertEquals(List.of("categories"), fields(t));
  }

  @Test
  void anExpiryInThePastOrBeforeTheStartIsRefused() {
    ConsentTerms t =
        terms(
            ConsentDirection.DISCLOSE,
            Purpose.CREDIT_APPLICATION,
            Set.of(DataCategory.TRADELINE),
            NOW.minusSeconds(60));
    assertEquals(List.of("expiresAt", "expiresAt"), fields(t));
  }

  @Test
  void aConsentLongerThanTwoYearsIsRefused() {
    ConsentTerms t =
        terms(
            ConsentDirection.DISCLOSE,
            Purpose.CREDIT_APPLICATION,
            Set.of(DataCategory.TRADELINE),
            NOW.plus(Duration.ofDays(800)));
    assertEquals(List.of("expiresAt"), fields(t));
  }

  @Test
  void emptyCategoriesAndMissingGranteeAreRefused() {
    ConsentTerms t =
        new ConsentTerms(
            " ",
            ConsentDirection.DISCLOSE,
            Purpose.CREDIT_APPLICATION,
            Set.of(),
            NOW,
            NOW.plusSeconds(60),
            0);
    assertEquals(List.of("granteeId", "categories", "usageLimit"), fields(t));
  }
}
