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
 * from the record's own dates when it is accepted. Records that are not negative never age out.
 *
 * <ul>
 *   <li>{@code TRADELINE} with a {@code dateOfFirstDelinquency}: 7 years after it;
 *   <li>{@code PAYMENT} paid late ({@code daysPastDue > 0}): 7 years after {@code dueOn};
 *   <li>{@code PUBLIC_RECORD}: {@code BANKRUPTCY} 10 years, others 7 years after {@code filedOn};
 *   <li>{@code COURT_JUDGMENT}: 7 years after {@code judgmentOn};
 *   <li>{@code TRADE_PAYMENT} paid beyond terms: 7 years after {@code invoiceDate};
 *   <li>{@code REGULATORY_PENALTY}: the configured redemption period of its severity after {@code
 *       imposedOn}.
 * </ul>
 */
public final class RetentionPolicy {
  /**
   * Metro 2 account statuses that are not derogatory: current, paid or closed with a zero balance
   * (and the deletions {@code DA}/{@code DF}, which are never stored).
   */
  private static final Set<String> TRADELINE_NOT_DEROGATORY = Set.of("11", "13", "DA", "DF");

  private final Period negativeItems;
  private final Period bankruptcies;
  private final Map<String, Period> penaltyRedemption;

  /**
   * @param penaltyRedemption redemption period per {@code REGULATORY_PENALTY} severity ({@code
   *     MINOR}, {@code MODERATE}, {@code MAJOR}, {@code SEVERE})
   */
  public RetentionPolicy(
      Period negativeItems, Period bankruptcies, Map<String, Period> penaltyRedemption) {
    this.negativeItems = negativeItems;
    this.bankruptcies = bankruptcies;
    this.penaltyRedemption = Map.copyOf(penaltyRedemption);
  }

  /** The day the record ages out, if it is a negative item. */
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
   * The field whose date starts the record's retention clock when it is a negative item (for a
   * {@code TRADELINE}: {@code dateOfFirstDelinquency}, whether present or not).
   */
  public Optional<String> clockStart(DataCategory category, JsonNode data) {
    return clock(category, data).map(RetentionClock::field);
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
    return stillNegative(category, data);
  }

  private boolean stillNegative(DataCategory category, JsonNode data) {
    if (category == DataCategory.TRADELINE) {
      String status = data.path("accountStatus").asText("");
      return !status.isEmpty() && !TRADELINE_NOT_DEROGATORY.contains(status);
    }
    return clock(category, data).isPresent();
  }

  /** Which date starts a negative item's retention clock, and for how long it runs. */
  private record RetentionClock(String field, Period period) {}

  private Optional<RetentionClock> clock(DataCategory category, JsonNode data) {
    return switch (category) {
      case TRADELINE -> clock("dateOfFirstDelinquency", negativeItems);
      case PAYMENT ->
          data.path("daysPastDue").asInt(0) > 0 ? clock("dueOn", negativeItems) : Optional.empty();
      case PUBLIC_RECORD ->
          clock(
              "filedOn",
              "BANKRUPTCY".equals(data.path("recordType").asText()) ? bankruptcies : negativeItems);
      case COURT_JUDGMENT -> clock("judgmentOn", negativeItems);
      case TRADE_PAYMENT ->
          data.path("daysBeyondTerms").asInt(0) > 0
              ? clock("invoiceDate", negativeItems)
              : Optional.empty();
      case REGULATORY_PENALTY -> {
        Period redemption = penaltyRedemption.get(data.path("severity").asText());
        yield redemption == null ? Optional.empty() : clock("imposedOn", redemption);
      }
      default -> Optional.empty();
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
