package dev.credence.ingestion.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Builds request bodies for POST /v1/records. */
public final class Requests {
  public static final ObjectMapper JSON = new ObjectMapper();

  private Requests() {}

  public static String newRecordId() {
    return "rec-" + UUID.randomUUID();
  }

  /** A valid TRADELINE record for a person identified by national id. */
  public static ObjectNode tradeline(String furnisherRecordId, String nationalId) {
    ObjectNode record = JSON.createObjectNode();
    record.put("furnisherRecordId", furnisherRecordId);
    record.put("category", "TRADELINE");
    ObjectNode subject = record.putObject("subject");
    subject.put("identifierType", "NATIONAL_ID");
    subject.put("identifier", nationalId);
    ObjectNode data = record.putObject("data");
    data.put("accountType", "REVOLVING");
    data.put("openedOn", "2019-04-01");
    data.put("creditLimit", 5000);
    data.put("currentBalance", 1250.75);
    data.put("currency", "EUR");
    data.put("accountStatus", "11");
    data.put("paymentRating", "0");
    data.put("paymentHistoryProfile", "000000000000000000000000");
    data.put("reportedOn", "2026-11-01");
    return record;
  }

  public static String batch(ObjectNode... records) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode array = body.putArray("records");
    for (ObjectNode record : records) {
      array.add(record);
    }
    return body.toString();
  }
}
