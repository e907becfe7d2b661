package dev.credence.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.common.events.DataCategory;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Optional;

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
    return switch (category) {
      case TRADELINE -> date(data, "dateOfFirstDelinquency").map(d -> d.plus(negativeItems));
      case PAYMENT ->
          data.path("daysPastDue").asInt(0) > 0
              ? date(data, "dueOn").map(d -> d.plus(negativeItems))
              : Optional.empty();
      case PUBLIC_RECORD ->
          date(data, "filedOn")
              .map(
                  d ->
                      d.plus(
                          "BANKRUPTCY".equals(data.path("recordType").asText())
                              ? bankruptcies
                              : negativeItems));
      case COURT_JUDGMENT -> date(data, "judgmentOn").map(d -> d.plus(negativeItems));
      case TRADE_PAYMENT ->
          data.path("daysBeyondTerms").asInt(0) > 0
              ? date(data, "invoiceDate").map(d -> d.plus(negativeItems))
              : Optional.empty();
      case REGULATORY_PENALTY -> {
        Period redemption = penaltyRedemption.get(data.path("severity").asText());
        yield redemption == null
            ? Optional.empty()
            : date(data, "imposedOn").map(d -> d.plus(redemption));
      }
      default -> Optional.empty();
    };
  }

  private static Optional<LocalDate> date(JsonNode data, String field) {
    JsonNode value = data.get(field);
    return value != null && value.isTextual()
        ? Optional.of(LocalDate.parse(value.textValue()))
        : Optional.empty();
  }
}
