package dev.credence.ingestion.rest;

import static dev.credence.ingestion.support.Requests.newRecordId;
import static dev.credence.ingestion.support.Requests.tradeline;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;
import dev.credence.ingestion.support.Projections;
import dev.credence.ingestion.support.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StreamResourceTest {
  static final String FURNISHER = "demo-furnisher";

  @Inject Projections projections;

  private static List<JsonNode> stream(String ndjson) throws Exception {
    String body =
        given()
            .contentType("application/x-ndjson")
            .body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .when()
            .post("/v1/records/stream")
            .then()
            .statusCode(200)
            .contentType("application/x-ndjson")
            .extract()
            .asString();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : body.split("\n")) {
      lines.add(Requests.JSON.readTree(line));
    }
    return lines;
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void answersEveryLineWithItsOwnOutcomeAndNeverAbortsOnABadLine() throws Exception {
    String nationalId = Projections.newNationalId();
    projections.grantCollect(
        projections.enrolPerson(nationalId), FURNISHER, DataCategory.TRADELINE);
    String good = newRecordId();
    ObjectNode prohibited = tradeline(newRecordId(), nationalId);
    ((ObjectNode) prohibited.get("data")).put("applicant_religion", "x");
    ObjectNode schemaBad = tradeline(newRecordId(), nationalId);
    ((ObjectNode) schemaBad.get("data")).put("accountStatus", "05");
    ObjectNode envelopeBad = tradeline(newRecordId(), nationalId);
    envelopeBad.put("branch", "x");
    String last = newRecordId();
    String ndjson =
        String.join(
                "\n",
                tradeline(good, nationalId).toString(),
                "{not json",
                prohibited.toString(),
                "",
                schemaBad.toString(),
                envelopeBad.toString(),
                "[1,2]",
                tradeline(good, nationalId).toString(),
                tradeline(last, Projections.newNationalId()).toString())
            + "\n";

    List<JsonNode> out = stream(ndjson);

    assertEquals(9, out.size(), out.toString());
    assertEquals("ACCEPTED", out.get(0).get("outcome").asText());
    assertEquals(1, out.get(0).get("line").asInt());
    assertEquals(good, out.get(0).get("furnisherRecordId").asText());
    assertTrue(out.get(0).hasNonNull("recordId"));
    assertEquals("MALFORMED_LINE", out.get(1).get("reason").asText());
    assertEquals(2, out.get(1).get("line").asInt());
    assertEquals("PROHIBITED_ATTRIBUTE", out.get(2).get("reason").asText());
    assertTrue(out.get(2).get("message").asText().contains("GDPR_ART9_RELIGIOUS_BELIEF"));
    assertEquals(5, out.get(3).get("line").asInt(), "the blank line 4 is skipped");
    assertEquals("SCHEMA_VIOLATION", out.get(3).get("reason").asText());
    assertEquals("INVALID_ENVELOPE", out.get(4).get("reason").asText());
    assertTrue(out.get(4).get("message").asText().contains("branch"));
    assertEquals("MALFORMED_LINE", out.get(5).get("reason").asText());
    assertEquals("DUPLICATE", out.get(6).get("outcome").asText());
    assertEquals(out.get(0).get("recordId"), out.get(6).get("recordId"));
    assertEquals("UNKNOWN_SUBJECT", out.get(7).get("reason").asText());
    JsonNode summary = out.get(8).get("summary");
    assertEquals(9, summary.get("lines").asInt());
    assertEquals(1, summary.get("accepted").asInt());
    assertEquals(1, summary.get("duplicate").asInt());
    assertEquals(6, summary.get("rejected").asInt());
    assertEquals(
        0L,
        projections.countWhere(
            "select count(*) from furnished_record where furnisher_record_id = ?1",
            prohibited.get("furnisherRecordId").asText()));
    assertEquals(
        "MALFORMED_LINE",
        projections.single(
            "select reason_code from ingestion_outcome where batch_id = cast(?1 as uuid)"
                + " and line_no = 2",
            out.get(8).get("batchId").asText()));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsLinesCarryingANulCharacterOnTheirOwnAndGoesOn() throws Exception {
    String nationalId = Projections.newNationalId();
    projections.grantCollect(
        projections.enrolPerson(nationalId), FURNISHER, DataCategory.TRADELINE);
    String secret = "SECRET-" + java.util.UUID.randomUUID();
    ObjectNode badId = tradeline(secret + "\u0000", nationalId);
    ObjectNode badName = tradeline(newRecordId(), nationalId);
    badName.put(secret + "\u0000", "x");
    ObjectNode badData = tradeline(newRecordId(), nationalId);
    ((ObjectNode) badData.get("data")).put("accountStatus", "1\u00001");
    String first = newRecordId();
    String last = newRecordId();
    String ndjson =
        String.join(
                "\n",
                tradeline(first, nationalId).toString(),
                badId.toString(),
                badName.toString(),
                badData.toString(),
                tradeline(last, nationalId).toString())
            + "\n";

    List<JsonNode> out = stream(ndjson);

    assertEquals(6, out.size(), out.toString());
    assertEquals("ACCEPTED", out.get(0).get("outcome").asText());
    assertEquals("INVALID_ENVELOPE", out.get(1).get("reason").asText());
    assertTrue(out.get(1).get("furnisherRecordId").isNull());
    assertTrue(out.get(1).get("message").asText().contains("furnisherRecordId"));
    assertEquals("INVALID_ENVELOPE", out.get(2).get("reason").asText());
    assertEquals("SCHEMA_VIOLATION", out.get(3).get("reason").asText());
    assertEquals("/accountStatus", out.get(3).get("fields").get(0).asText());
    assertEquals("ACCEPTED", out.get(4).get("outcome").asText());
    assertEquals(last, out.get(4).get("furnisherRecordId").asText());
    assertEquals(3, out.get(5).get("summary").get("rejected").asInt());
    assertTrue(!out.toString().contains(secret), out.toString());
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void processesStreamsLongerThanAChunk() throws Exception {
    String nationalId = Projections.newNationalId();
    projections.grantCollect(
        projections.enrolPerson(nationalId), FURNISHER, DataCategory.TRADELINE);
    StringBuilder ndjson = new StringBuilder();
    int n = 1203;
    for (int i = 0; i < n; i++) {
      ndjson.append(tradeline(newRecordId(), nationalId)).append('\n');
    }

    List<JsonNode> out = stream(ndjson.toString());

    assertEquals(n + 1, out.size());
    for (int i = 0; i < n; i++) {
      assertEquals(i + 1, out.get(i).get("line").asInt());
      assertEquals("ACCEPTED", out.get(i).get("outcome").asText());
    }
    assertEquals(n, out.get(n).get("summary").get("accepted").asInt());
  }

  @Test
  @TestSecurity(user = "demo-lender", roles = "lender")
  void refusesALender() {
    given()
        .contentType("application/x-ndjson")
        .body("{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .when()
        .post("/v1/records/stream")
        .then()
        .statusCode(403);
  }
}
