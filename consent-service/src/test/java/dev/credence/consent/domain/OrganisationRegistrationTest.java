package dev.credence.consent.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrganisationRegistrationTest {
  private static List<String> fields(OrganisationRegistration r) {
    return r.normalised().violations().stream()
        .map(OrganisationRegistration.Violation::field)
        .toList();
  }

  @Test
  void aNameACountryAndOneIdentifierSuffice() {
    assertTrue(fields(new OrganisationRegistration("Acme Ltd", "gb", "01234567", null)).isEmpty());
    assertTrue(
        fields(new OrganisationRegistration("Acme Ltd", "DE", null, "7LTWFZYICNSX8D621K86"))
            .isEmpty());
  }

  @Test
  void everyBrokenRuleIsNamed() {
    assertEquals(
        List.of("legalName", "country", "registrationNumber"),
        fields(new OrganisationRegistration(" ", "XX", null, " ")));
    assertEquals(
        List.of("lei"),
        fields(new OrganisationRegistration("Acme", "FR", "1", "7LTWFZYICNSX8D621K87")));
    assertEquals(
        List.of("registrationNumber"),
        fields(new OrganisationRegistration("Acme", "FR", "<script>", null)));
  }
}
