package dev.credence.consent.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an operator states to register an organisation. {@link #violations} lists every rule it
 * breaks (empty = valid): a legal name, an ISO 3166-1 alpha-2 country, and a registration number
 * and/or an LEI with valid ISO 17442 check digits.
 */
public record OrganisationRegistration(
    String legalName, String country, String registrationNumber, String lei) {

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  public record Violation(String field, String message) {}

  public OrganisationRegistration normalised() {
    return new OrganisationRegistration(
        legalName == null ? null : legalName.strip(),
        country == null ? null : country.strip().toUpperCase(Locale.ROOT),
        blankToNull(registrationNumber == null ? null : registrationNumber.strip()),
        blankToNull(Lei.normalise(lei)));
  }

  public List<Violation> violations() {
    List<Violation> out = new ArrayList<>();
    if (legalName == null || legalName.isBlank()) {
      out.add(new Violation("legalName", "must name the organisation"));
    }
    if (country == null || !COUNTRIES.contains(country)) {
      out.add(new Violation("country", "must be an ISO 3166-1 alpha-2 country code"));
    }
    if (registrationNumber == null && lei == null) {
      out.add(new Violation("registrationNumber", "give a registration number, an LEI or both"));
    }
    if (registrationNumber != null
        && !registrationNumber.matches("[0-9A-Za-z][0-9A-Za-z .\\-/]*")) {
      out.add(
          new Violation(
              "registrationNumber", "letters, digits, spaces, dots, dashes and slashes only"));
    }
    if (lei != null && !Lei.isValid(lei)) {
      out.add(new Violation("lei", "must be a 20-character ISO 17442 LEI with valid check digits"));
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
