package dev.credence.consent.domain;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.common.events.SubjectType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What a consent permits. {@link #violations} lists every rule the terms break (empty = valid). */
public record ConsentTerms(
    String granteeId,
    ConsentDirection direction,
    Purpose purpose,
    Set<DataCategory> categories,
    Instant startsAt,
    Instant expiresAt,
    Integer usageLimit) {

  /** The longest a consent may run (renewal is a new, explicit consent). */
  public static final Duration MAX_DURATION = Duration.ofDays(2 * 366);

  /** The default when the subject names no expiry. */
  public static final Duration DEFAULT_DURATION = Duration.ofDays(365);

  public record Violation(String field, String message) {}

  public List<Violation> violations(SubjectType subjectType, Instant now) {
    List<Violation> out = new ArrayList<>();
    if (granteeId == null || granteeId.isBlank()) {
      out.add(new Violation("granteeId", "must name the lender or furnisher client"));
    }
    if (direction == null) {
      out.add(new Violation("direction", "must be COLLECT or DISCLOSE"));
    }
    if (purpose == null) {
      out.add(new Violation("purpose", "must be a purpose from the catalogue"));
    } else if (direction != null && purpose.direction() != direction) {
      out.add(
          new Violation(
              "purpose", "purpose " + purpose + " belongs to direction " + purpose.direction()));
    }
    if (categories == null || categories.isEmpty()) {
      out.add(new Violation("categories", "must name at least one data category"));
    } else {
      for (DataCategory c : categories) {
        if (c.subjectType() != subjectType) {
          out.add(
              new Violation("categories", "category " + c + " does not apply to a " + subjectType));
        }
      }
    }
    if (startsAt != null && expiresAt != null) {
      if (!expiresAt.isAfter(startsAt)) {
        out.add(new Violation("expiresAt", "must be after startsAt"));
      }
      if (!expiresAt.isAfter(now)) {
        out.add(new Violation("expiresAt", "must be in the future"));
      }
      if (Duration.between(startsAt, expiresAt).compareTo(MAX_DURATION) > 0) {
        out.add(new Violation("expiresAt", "a consent may run at most 2 years"));
      }
    }
    if (usageLimit != null && usageLimit < 1) {
      out.add(new Violation("usageLimit", "must be at least 1 when given"));
    }
    return out;
  }
}
