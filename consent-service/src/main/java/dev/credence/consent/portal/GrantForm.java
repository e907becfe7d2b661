package dev.credence.consent.portal;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.common.events.SubjectType;
import dev.credence.consent.domain.ConsentTerms;
import dev.credence.consent.rest.validation.PlainTextValidator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The portal's grant form as typed by the person: every field is text until parsed. {@link #parse}
 * turns it into {@link ConsentTerms} or into one message per field, combining the form's own
 * parsing errors with the domain's rules ({@link ConsentTerms#violations}) so that every error
 * shows next to its field. Plain Java: no HTTP or persistence types.
 *
 * <p>The expiry is a calendar date: the consent runs through that whole day (UTC) and ends at the
 * start of the next one.
 */
public record GrantForm(
    String granteeId,
    String direction,
    String purpose,
    List<String> categories,
    String expiresOn,
    String usageLimit) {

  /** Longest accepted grantee client id, as in the API. */
  public static final int MAX_GRANTEE_LENGTH = 100;

  /** The outcome: terms when {@code errors} is empty. */
  public record Result(ConsentTerms terms, Map<String, String> errors) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  public GrantForm {
    granteeId = trim(granteeId);
    direction = trim(direction);
    purpose = trim(purpose);
    categories = categories == null ? List.of() : List.copyOf(categories);
    expiresOn = trim(expiresOn);
    usageLimit = trim(usageLimit);
  }

  /** An empty form with sensible defaults for a first visit. */
  public static GrantForm blank() {
    return new GrantForm("", "DISCLOSE", "", List.of(), "", "");
  }

  public Result parse(SubjectType subjectType, Instant now) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (granteeId.length() > MAX_GRANTEE_LENGTH) {
      errors.put("granteeId", "must be at most " + MAX_GRANTEE_LENGTH + " characters");
    } else if (!PlainTextValidator.isPlain(granteeId)) {
      errors.put("granteeId", "must not contain control characters");
    }
    ConsentDirection dir = parseEnum(ConsentDirection.class, direction);
    if (!direction.isEmpty() && dir == null) {
      errors.put("direction", "must be COLLECT or DISCLOSE");
    }
    Purpose purposeCode = parseEnum(Purpose.class, purpose);
    if (!purpose.isEmpty() && purposeCode == null) {
      errors.put("purpose", "is not in the purpose catalogue");
    }
    Set<DataCategory> cats = EnumSet.noneOf(DataCategory.class);
    List<String> unknown = new ArrayList<>();
    for (String c : categories) {
      DataCategory category = parseEnum(DataCategory.class, trim(c));
      if (category == null) {
        unknown.add(c);
      } else {
        cats.add(category);
      }
    }
    if (!unknown.isEmpty()) {
      errors.put("categories", "unknown data category " + String.join(", ", unknown));
    }
    Instant expiresAt = null;
    if (!expiresOn.isEmpty()) {
      try {
        expiresAt = LocalDate.parse(expiresOn).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        errors.put("expiresAt", "must be a date (YYYY-MM-DD)");
      }
    }
    Integer limit = null;
    if (!usageLimit.isEmpty()) {
      try {
        limit = Integer.valueOf(usageLimit);
      } catch (NumberFormatException e) {
        errors.put("usageLimit", "must be a whole number");
      }
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      errors.put("expiresAt", "must be in the future");
    }
    Instant startsAt = now;
    Instant effectiveExpiry =
        expiresAt == null ? now.plus(ConsentTerms.DEFAULT_DURATION) : expiresAt;
    ConsentTerms terms =
        new ConsentTerms(
            granteeId.isEmpty() ? null : granteeId,
            dir,
            purposeCode,
            cats,
            startsAt,
            effectiveExpiry,
            limit);
    for (ConsentTerms.Violation v : terms.violations(subjectType, now)) {
      errors.putIfAbsent(v.field(), v.message());
    }
    // the service applies the same defaults; passing null keeps "default expiry" explicit
    ConsentTerms result =
        new ConsentTerms(
            terms.granteeId(), dir, purposeCode, cats, null, expiresAt, terms.usageLimit());
    return new Result(result, Collections.unmodifiableMap(errors));
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String trim(String s) {
    return s == null ? "" : s.strip();
  }
}
