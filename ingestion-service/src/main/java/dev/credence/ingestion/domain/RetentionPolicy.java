package dev.credence.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.common.events.DataCategory;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When a negative item stops counting (FCRA §605-style obsolescence): the day it ages out, computed
 * from the record's own dates when it is accepted. Whether a record is a negative item depends on
 * what it reports (its status, rating, days late), never on whether a date happens to be present;
 * every negative item has a clock, started by a date it must carry:
 *
 * <ul>
 *   <li>{@code TRADELINE} with a derogatory {@code accountStatus} (not {@code 11} current or {@code
 *       13} paid/closed) or {@code paymentRating} ({@code 1}–{@code 6}, {@code G}, {@code L}): 7
 *       years after its {@code dateOfFirstDelinquency}, which it must carry (Metro 2 requires it
 *       for these); a tradeline that carries one without being derogatory ages from it too;
 *   <li>{@code ALT_PAYMENT} whose payment history profile shows a delinquency ({@code 1}–{@code 6},
 *       {@code G}, {@code H}, {@code J}, {@code K}, {@code L}): 7 years after its {@code
 *       dateOfFirstDelinquency}, which it must carry (likewise one that carries it anyway);
 *   <li>{@code PAYMENT} paid late ({@code daysPastDue > 0}): 7 years after {@code dueOn};
 *   <li>{@code PUBLIC_RECORD}: {@code BANKRUPTCY} 10 years, others 7 years after {@code filedOn};
 *   <li>{@code TAX_COMPLIANCE} in {@code ARREARS} or {@code NON_FILER}: 7 years after {@code
 *       periodEnd};
 *   <li>{@code COURT_JUDGMENT}: 7 years after {@code judgmentOn};
 *   <li>{@code TRADE_PAYMENT} paid beyond terms: 7 years after {@code invoiceDate};
 *   <li>{@code REGULATORY_PENALTY}: the configured redemption period of its severity after {@code
 *       imposedOn}.
 * </ul>
 *
 * {@code INCOME} is never negative; {@code INQUIRY} is not furnished (no schema).
 */
public final class RetentionPolicy {
  /**
   * Metro 2 account statuses that are not derogatory: current, paid or closed with a zero balance
   * (and the deletions {@code DA}/{@code DF}, which are never stored).
   */
  private static final Set<String> TRADELINE_NOT_DEROGATORY = Set.of("11", "13", "DA", "DF");

  /** Metro 2 payment ratings of a delinquency: 30 to 180+ days past due, collection, charge-off. */
  private static final Set<String> DEROGATORY_RATINGS =
      Set.of("1", "2", "3", "4", "5", "6", "G", "L");

  /**
   * Payment history profile codes of a month that was delinquent or worse: 30 to 180+ days past
   * due, collection, foreclosure, voluntary surrender, repossession, charge-off.
   */
  private static final String DELINQUENT_MONTHS = "123456GHJKL";

  /** The severities of a {@code REGULATORY_PENALTY} (its schema's enum). */
  public static final Set<String> PENALTY_SEVERITIES =
      Set.of("MINOR", "MODERATE", "MAJOR", "SEVERE");

  private static final String FIRST_DELINQUENCY = "dateOfFirstDelinquency";

  private final Period negativeItems;
  private final Period bankruptcies;
  private final Map<String, Period> penaltyRedemption;

  /**
   * @param penaltyRedemption redemption period per {@code REGULATORY_PENALTY} severity ({@code
   *     MINOR}, {@code MODERATE}, {@code MAJOR}, {@code SEVERE}); all four are required, so that no
   *     penalty is left without a clock
   */
  public RetentionPolicy(
      Period negativeItems, Period bankruptcies, Map<String, Period> penaltyRedemption) {
    if (!penaltyRedemption.keySet().containsAll(PENALTY_SEVERITIES)) {
      throw new IllegalArgumentException(
          "A redemption period is needed for every penalty severity " + PENALTY_SEVERITIES);
    }
    this.negativeItems = negativeItems;
    this.bankruptcies = bankruptcies;
    this.penaltyRedemption = Map.copyOf(penaltyRedemption);
  }

  /** The day the record ages out, if it is a negative item (and carries the date starting it). */
  public Optional<LocalDate> agesOutOn(DataCategory category, JsonNode data) {
    return clock(category, data).flatMap(c -> date(data, c.field()).map(d -> d.plus(c.period())));
  }

  /**
   * Whether the record is a negative item already past its reporting period on {@code today} (its
   * day has come): FCRA §605 forbids reporting it, so it must not be accepted.
   */
  public boolean obsolete(DataCategory category, JsonNode data, LocalDate today) {
    return agesOutOn(category, data).filter(day -> !day.isAfter(today)).isPresent();
  }

  /**
   * The field whose date starts the record's retention clock when it has one (a negative item, or a
   * tradeline or alternative-payment account that carries a date of first delinquency), whether the
   * field is present or not.
   */
  public Optional<String> clockStart(DataCategory category, JsonNode data) {
    return clock(category, data).map(RetentionClock::field);
  }

  /**
   * Whether the record reports something negative about its subject, by what it reports (status,
   * rating, payment history, days late), whatever dates it carries.
   */
  public boolean negative(DataCategory category, JsonNode data) {
    return switch (category) {
      case TRADELINE -> {
        String status = data.path("accountStatus").asText("");
        yield (!status.isEmpty() && !TRADELINE_NOT_DEROGATORY.contains(status))
            || DEROGATORY_RATINGS.contains(data.path("paymentRating").asText(""));
      }
      case ALT_PAYMENT -> {
        String profile = data.path("paymentHistoryProfile").asText("");
        yield profile.chars().anyMatch(c -> DELINQUENT_MONTHS.indexOf(c) >= 0);
      }
      case PAYMENT -> data.path("daysPastDue").asInt(0) > 0;
      case TRADE_PAYMENT -> data.path("daysBeyondTerms").asInt(0) > 0;
      case TAX_COMPLIANCE -> !"COMPLIANT".equals(data.path("status").asText("COMPLIANT"));
      case PUBLIC_RECORD, COURT_JUDGMENT, REGULATORY_PENALTY -> true;
      case INCOME, INQUIRY -> false;
    };
  }

  /**
   * The field a negative item lacks to start its clock: such an item must not be accepted, it would
   * never age out. Empty when the record is not negative or carries the date.
   */
  public Optional<String> missingClockStart(DataCategory category, JsonNode data) {
    if (!negative(category, data)) {
      return Optional.empty();
    }
    RetentionClock clock =
        clock(category, data)
            .orElseThrow(
                () -> new IllegalStateException("A negative " + category + " has no clock"));
    return date(data, clock.field()).isPresent() ? Optional.empty() : Optional.of(clock.field());
  }

  /**
   * Whether a correction ({@code data}) would re-age the negative item held with ageing day {@code
   * heldAgesOutOn} (FCRA §605(c): the period runs from the first delinquency, whatever is reported
   * later): it is still a negative item, but ages out later than the held version, or has dropped
   * the date that starts its clock. A correction that makes the item no longer negative (a
   * tradeline reported current, a payment made on time) does not re-age it; nor does one that keeps
   * or moves the day earlier.
   */
  public boolean reAges(DataCategory category, JsonNode data, LocalDate heldAgesOutOn) {
    if (heldAgesOutOn == null) {
      return false;
    }
    Optional<LocalDate> next = agesOutOn(category, data);
    if (next.isPresent()) {
      return next.get().isAfter(heldAgesOutOn);
    }
    return negative(category, data);
  }

  /** Which date starts a negative item's retention clock, and for how long it runs. */
  private record RetentionClock(String field, Period period) {}

  private Optional<RetentionClock> clock(DataCategory category, JsonNode data) {
    boolean negative = negative(category, data);
    return switch (category) {
      case TRADELINE, ALT_PAYMENT ->
          negative || data.hasNonNull(FIRST_DELINQUENCY)
              ? clock(FIRST_DELINQUENCY, negativeItems)
              : Optional.empty();
      case PAYMENT -> negative ? clock("dueOn", negativeItems) : Optional.empty();
      case PUBLIC_RECORD ->
          clock(
              "filedOn",
              "BANKRUPTCY".equals(data.path("recordType").asText()) ? bankruptcies : negativeItems);
      case TAX_COMPLIANCE -> negative ? clock("periodEnd", negativeItems) : Optional.empty();
      case COURT_JUDGMENT -> clock("judgmentOn", negativeItems);
      case TRADE_PAYMENT -> negative ? clock("invoiceDate", negativeItems) : Optional.empty();
      case REGULATORY_PENALTY -> {
        // every severity of the schema has a period (checked at construction); an unknown one is
        // a schema violation before this is asked, were it not, MINOR's period would apply
        Period redemption =
            penaltyRedemption.getOrDefault(
                data.path("severity").asText(), penaltyRedemption.get("MINOR"));
        yield clock("imposedOn", redemption);
      }
      case INCOME, INQUIRY -> Optional.empty();
    };
  }

  private static Optional<RetentionClock> clock(String field, Period period) {
    return Optional.of(new RetentionClock(field, period));
  }

  private static Optional<LocalDate> date(JsonNode data, String field) {
    JsonNode value = data.get(field);
    return value != null && value.isTextual()
        ? Optional.of(LocalDate.parse(value.textValue()))
        : Optional.empty();
  }
}
