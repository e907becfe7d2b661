package dev.credence.ingestion.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;

/** A valid {@code data} object of every published category. */
public final class Samples {
  private Samples() {}

  public static ObjectNode data(DataCategory category) {
    ObjectNode d = Requests.JSON.createObjectNode();
    switch (category) {
      case TRADELINE -> {
        d.put("accountType", "REVOLVING");
        d.put("openedOn", "2019-04-01");
        d.put("creditLimit", 5000);
        d.put("currentBalance", 1250.75);
        d.put("currency", "EUR");
        d.put("accountStatus", "11");
        d.put("paymentRating", "0");
        d.put("paymentHistoryProfile", "000000000000000000000000");
        d.put("reportedOn", "2026-11-01");
      }
      case PAYMENT -> {
        d.put("accountReference", "ref-1");
        d.put("dueOn", "2026-10-01");
        d.put("amountDue", 120);
        d.put("currency", "EUR");
        d.put("paidOn", "2026-10-03");
        d.put("amountPaid", 120);
        d.put("daysPastDue", 2);
        d.put("reportedOn", "2026-11-01");
      }
      case PUBLIC_RECORD -> {
        d.put("recordType", "CIVIL_JUDGMENT");
        d.put("status", "FILED");
        d.put("filedOn", "2024-03-15");
        d.put("amount", 2500);
        d.put("currency", "EUR");
        d.put("courtReference", "CJ-2024-0042");
      }
      case ALT_PAYMENT -> {
        d.put("accountType", "RENT");
        d.put("openedOn", "2022-01-01");
        d.put("monthlyAmount", 850);
        d.put("currency", "EUR");
        d.put("paymentHistoryProfile", "000000000000100000000000");
        d.put("dateOfFirstDelinquency", "2025-10-15"); // the late month the profile shows
      }
      case INCOME -> {
        d.put("amount", 42000);
        d.put("currency", "EUR");
        d.put("period", "ANNUAL");
        d.put("source", "PAYROLL");
        d.put("verifiedOn", "2026-10-20");
      }
      case TAX_COMPLIANCE -> {
        d.put("status", "ARREARS");
        d.put("periodEnd", "2025-12-31");
        d.put("arrearsAmount", 12000);
        d.put("currency", "EUR");
        d.put("legalBasis", "TAX_AUTHORITY_PUBLICATION");
      }
      case REGULATORY_PENALTY -> {
        d.put("domain", "ENVIRONMENT");
        d.put("severity", "MAJOR");
        d.put("amount", 50000);
        d.put("currency", "EUR");
        d.put("imposedOn", "2025-06-01");
        d.put("resolved", false);
        d.put("authority", "Environment Agency");
        d.put("legalBasis", "REGULATOR_PUBLICATION");
      }
      case COURT_JUDGMENT -> {
        d.put("caseReference", "HC-2025-001234");
        d.put("amount", 75000);
        d.put("currency", "GBP");
        d.put("judgmentOn", "2025-09-12");
        d.put("satisfied", false);
        d.put("legalBasis", "LAW:Companies Act 2006 s.1085");
      }
      case TRADE_PAYMENT -> {
        d.put("invoiceAmount", 9800);
        d.put("currency", "EUR");
        d.put("invoiceDate", "2026-08-01");
        d.put("termsDays", 30);
        d.put("daysBeyondTerms", 12);
        d.put("paidOn", "2026-09-12");
      }
      default -> throw new IllegalArgumentException("No sample for " + category);
    }
    return d;
  }

  /** A record envelope of the category about the identifier. */
  public static ObjectNode record(
      String furnisherRecordId, DataCategory category, String identifierType, String identifier) {
    ObjectNode record = Requests.JSON.createObjectNode();
    record.put("furnisherRecordId", furnisherRecordId);
    record.put("category", category.name());
    ObjectNode subject = record.putObject("subject");
    subject.put("identifierType", identifierType);
    subject.put("identifier", identifier);
    record.set("data", data(category));
    return record;
  }
}
