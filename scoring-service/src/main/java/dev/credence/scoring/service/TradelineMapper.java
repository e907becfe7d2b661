package dev.credence.scoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.common.events.EventCodec;
import dev.credence.scoring.domain.Tradeline;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads the TRADELINE data of a stored record into the domain. Ingestion validated the schema; a
 * field that still cannot be read counts as absent rather than failing the whole score.
 */
final class TradelineMapper {
  private TradelineMapper() {}

  static Tradeline read(String json, LocalDate recordReportedOn) {
    JsonNode d;
    try {
      d = EventCodec.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      d = EventCodec.mapper().createObjectNode();
    }
    LocalDate reportedOn = date(d, "reportedOn");
    return new Tradeline(
        text(d, "accountType"),
        date(d, "openedOn"),
        number(d, "creditLimit"),
        number(d, "originalAmount"),
        number(d, "currentBalance"),
        text(d, "accountStatus"),
        text(d, "paymentHistoryProfile"),
        date(d, "dateOfFirstDelinquency"),
        date(d, "closedOn"),
        reportedOn != null ? reportedOn : recordReportedOn);
  }

  private static String text(JsonNode d, String field) {
    JsonNode n = d.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static Double number(JsonNode d, String field) {
    JsonNode n = d.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    try {
      double v = Double.parseDouble(n.asText());
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static LocalDate date(JsonNode d, String field) {
    String s = text(d, field);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
