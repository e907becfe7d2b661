package dev.credence.consent.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.common.events.SubjectType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantFormTest {
  static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

  @Test
  void aCompleteFormBecomesTermsRunningThroughTheWholeExpiryDay() {
    GrantForm.Result r =
        new GrantForm(
                " demo-lender ",
                "DISCLOSE",
                "CREDIT_APPLICATION",
                List.of("TRADELINE", "PAYMENT"),
                "2027-03-31",
                "2")
            .parse(SubjectType.PERSON, NOW);
    assertTrue(r.valid(), r.errors().toString());
    assertEquals("demo-lender", r.terms().granteeId());
    assertEquals(ConsentDirection.DISCLOSE, r.terms().direction());
    assertEquals(Purpose.CREDIT_APPLICATION, r.terms().purpose());
    assertEquals(Set.of(DataCategory.TRADELINE, DataCategory.PAYMENT), r.terms().categories());
    assertEquals(Instant.parse("2027-04-01T00:00:00Z"), r.terms().expiresAt());
    assertEquals(2, r.terms().usageLimit());
  }

  @Test
  void optionalFieldsLeftEmptyUseTheServiceDefaults() {
    GrantForm.Result r =
        new GrantForm("acme", "COLLECT", "FURNISHING", List.of("ALT_PAYMENT"), "", " ")
            .parse(SubjectType.PERSON, NOW);
    assertTrue(r.valid(), r.errors().toString());
    assertNull(r.terms().expiresAt(), "default expiry is applied by the service");
    assertNull(r.terms().usageLimit());
  }

  @Test
  void everyBrokenFieldGetsItsOwnMessage() {
    GrantForm.Result r =
        new GrantForm("", "SIDEWAYS", "ASTROLOGY", List.of("TRADELINE", "RELIGION"), "31/12", "-1")
            .parse(SubjectType.PERSON, NOW);
    assertFalse(r.valid());
    assertEquals(
        Set.of("granteeId", "direction", "purpose", "categories", "expiresAt", "usageLimit"),
        r.errors().keySet());
    assertTrue(r.errors().get("categories").contains("RELIGION"));
    assertTrue(r.errors().get("expiresAt").contains("YYYY-MM-DD"));
  }

  @Test
  void domainRulesApply() {
    GrantForm.Result r =
        new GrantForm(
                "acme", "DISCLOSE", "FURNISHING", List.of("TAX_COMPLIANCE"), "2030-01-01", "0")
            .parse(SubjectType.PERSON, NOW);
    assertTrue(r.errors().get("purpose").contains("belongs to direction COLLECT"));
    assertTrue(r.errors().get("categories").contains("does not apply to a PERSON"));
    assertTrue(r.errors().get("expiresAt").contains("at most 2 years"));
    assertTrue(r.errors().get("usageLimit").contains("at least 1"));
  }

  @Test
  void anExpiryTodayIsStillInTheFutureButYesterdayIsNot() {
    assertTrue(
        new GrantForm("a", "DISCLOSE", "ACCOUNT_REVIEW", List.of("TRADELINE"), "2026-11-29", "")
            .parse(SubjectType.PERSON, NOW)
            .valid());
    assertEquals(
        "must be in the future",
        new GrantForm("a", "DISCLOSE", "ACCOUNT_REVIEW", List.of("TRADELINE"), "2026-11-28", "")
            .parse(SubjectType.PERSON, NOW)
            .errors()
            .get("expiresAt"));
  }
}
