package dev.credence.scoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.common.events.EventCodec;
import dev.credence.scoring.domain.AltPayment;
import dev.credence.scoring.domain.PublicRecord;
import dev.credence.scoring.domain.Tradeline;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads the data of a stored record (TRADELINE, PUBLIC_RECORD, ALT_PAYMENT, and the organisation
 * categories through {@code OrganisationRecordMapper}) into the domain. Ingestion validated the
 * schema; a field that still cannot be read counts as absent rather than failing the whole score.
 */
final class TradelineMapper {
  private TradelineMapper() {}

  static Tradeline read(String json, LocalDate recordReportedOn) {
    JsonNode d = tree(json);
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

  /** PUBLIC_RECORD: recordType, status, filedOn, resolvedOn (amounts are not used). */
  static PublicRecord publicRecord(String json, LocalDate recordReportedOn) {
    JsonNode d = tree(json);
    return new PublicRecord(
        text(d, "recordType"),
        text(d, "status"),
        date(d, "filedOn"),
        date(d, "resolvedOn"),
        recordReportedOn);
  }

  /** ALT_PAYMENT: accountType, openedOn, paymentHistoryProfile, closedOn. */
  static AltPayment altPayment(String json, LocalDate recordReportedOn) {
    JsonNode d = tree(json);
    return new AltPayment(
        text(d, "accountType"),
        date(d, "openedOn"),
        text(d, "paymentHistoryProfile"),
        date(d, "closedOn"),
        recordReportedOn);
  }

  static JsonNode tree(String json) {
    try {
      JsonNode d = EventCodec.mapper().readTree(json);
      return d == null || !d.isObject() ? EventCodec.mapper().createObjectNode() : d;
    } catch (JsonProcessingException e) {
      return EventCodec.mapper().createObjectNode();
    }
  }

  static boolean bool(JsonNode d, String field) {
    JsonNode n = d.get(field);
    return n != null && (n.isBoolean() ? n.booleanValue() : "true".equalsIgnoreCase(n.asText()));
  }

  static String text(JsonNode d, String field) {
    JsonNode n = d.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  static Double number(JsonNode d, String field) {
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

  static LocalDate date(JsonNode d, String field) {
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
