package dev.credence.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dates a furnished record must not hold in the future: what it reports has happened by the time it
 * is furnished. A future {@code reportedOn} would make every later real correction {@code
 * STALE_VERSION}; a future start of a retention clock would keep a negative item beyond its
 * reporting period. One day of clock skew is allowed (a furnisher ahead of UTC).
 *
 * <p>Not checked, because they may lie ahead: {@code dueOn}, {@code invoiceDate} and {@code
 * periodEnd}, unless they start a retention clock (the payment was late, the tax period is in
 * arrears).
 */
public final class RecordDates {
  /** How far past today (UTC) a date may be: clock skew and time zones ahead of UTC. */
  public static final Period SKEW = Period.ofDays(1);

  /** Fields of the published schemas that record an event that has already happened. */
  static final Set<String> PAST_EVENTS =
      Set.of(
          "reportedOn",
          "openedOn",
          "closedOn",
          "dateOfFirstDelinquency",
          "filedOn",
          "resolvedOn",
          "judgmentOn",
          "satisfiedOn",
          "imposedOn",
          "paidOn",
          "verifiedOn");

  private RecordDates() {}

  /**
   * The JSON pointers (sorted) of the past-event dates of {@code data}, and of {@code
   * retentionStart} (the field starting its retention clock, if any), that are later than {@code
   * today} plus {@link #SKEW}. Dates must already be valid ({@code "format": "date"}).
   */
  public static List<String> inTheFuture(
      JsonNode data, LocalDate today, Optional<String> retentionStart) {
    LocalDate latest = today.plus(SKEW);
    Set<String> fields = new TreeSet<>(PAST_EVENTS);
    retentionStart.ifPresent(fields::add);
    List<String> future = new ArrayList<>();
    for (String field : fields) {
      JsonNode value = data.get(field);
      if (value != null
          && value.isTextual()
          && LocalDate.parse(value.textValue()).isAfter(latest)) {
        future.add("/" + field);
      }
    }
    return future;
  }
}
