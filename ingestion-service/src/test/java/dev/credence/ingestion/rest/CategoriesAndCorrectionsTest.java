package dev.credence.ingestion.rest;

import static dev.credence.ingestion.support.Requests.batch;
import static dev.credence.ingestion.support.Requests.newRecordId;
import static dev.credence.ingestion.support.Requests.tradeline;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;
import dev.credence.ingestion.support.Projections;
import dev.credence.ingestion.support.Samples;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CategoriesAndCorrectionsTest {
  static final String FURNISHER = "demo-furnisher";

  @Inject Projections projections;

  private static ValidatableResponse post(String body) {
    return given().contentType(ContentType.JSON).body(body).when().post("/v1/records").then();
  }

  private String consentedPerson(DataCategory... categories) {
    String nationalId = Projections.newNationalId();
    String subjectId = projections.enrolPerson(nationalId);
    projections.grantCollect(subjectId, FURNISHER, categories);
    return nationalId;
  }

  private long stored(String furnisherRecordId) {
    return projections.countWhere(
        "select count(*) from furnished_record where furnisher_record_id = ?1", furnisherRecordId);
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void acceptsEveryPersonCategoryUnderAConsentNamingIt() {
    String nationalId =
        consentedPerson(DataCategory.PUBLIC_RECORD, DataCategory.ALT_PAYMENT, DataCategory.INCOME);
    String withoutConsent = consentedPerson(DataCategory.TRADELINE);

    post(batch(
            Samples.record(newRecordId(), DataCategory.PUBLIC_RECORD, "NATIONAL_ID", nationalId),
            Samples.record(newRecordId(), DataCategory.ALT_PAYMENT, "NATIONAL_ID", nationalId),
            Samples.record(newRecordId(), DataCategory.INCOME, "NATIONAL_ID", nationalId),
            Samples.record(newRecordId(), DataCategory.INCOME, "NATIONAL_ID", withoutConsent)))
        .statusCode(200)
        .body("results.outcome", contains("ACCEPTED", "ACCEPTED", "ACCEPTED", "REJECTED"))
        .body("results[3].reason.code", equalTo("CONSENT_REQUIRED"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void acceptsOrganisationPublicRecordsWithoutConsentButTradePaymentsOnlyWithIt() {
    String registration = "REG-" + UUID.randomUUID();
    String orgId = projections.registerOrganisation(registration);
    String tradePayment = newRecordId();
    ObjectNode trade =
        Samples.record(
            tradePayment, DataCategory.TRADE_PAYMENT, "COMPANY_REGISTRATION", registration);

    post(batch(
            Samples.record(
                newRecordId(), DataCategory.TAX_COMPLIANCE, "COMPANY_REGISTRATION", registration),
            Samples.record(
                newRecordId(),
                DataCategory.REGULATORY_PENALTY,
                "COMPANY_REGISTRATION",
                registration),
            Samples.record(
                newRecordId(), DataCategory.COURT_JUDGMENT, "COMPANY_REGISTRATION", registration),
            trade))
        .statusCode(200)
        .body("results.outcome", contains("ACCEPTED", "ACCEPTED", "ACCEPTED", "REJECTED"))
        .body("results[3].reason.code", equalTo("CONSENT_REQUIRED"));

    projections.grantCollect(orgId, FURNISHER, DataCategory.TRADE_PAYMENT);
    post(batch(trade)).statusCode(200).body("results[0].outcome", equalTo("ACCEPTED"));
    assertEquals(
        false,
        projections.single(
            "select consent_bound from furnished_record r where category = 'TAX_COMPLIANCE'"
                + " and subject_id = ?1",
            orgId));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsAnOrganisationCategoryAboutAPerson() {
    String nationalId = consentedPerson(DataCategory.TRADELINE);
    post(batch(
            Samples.record(newRecordId(), DataCategory.COURT_JUDGMENT, "NATIONAL_ID", nationalId)))
        .statusCode(200)
        .body("results[0].reason.code", equalTo("CATEGORY_SUBJECT_MISMATCH"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void refusesProhibitedAttributesInEveryNewCategoryAndStoresNothing() {
    String nationalId =
        consentedPerson(DataCategory.PUBLIC_RECORD, DataCategory.ALT_PAYMENT, DataCategory.INCOME);
    String registration = "REG-" + UUID.randomUUID();
    projections.registerOrganisation(registration);
    Object[][] cases = {
      {DataCategory.PUBLIC_RECORD, "NATIONAL_ID", nationalId, "religiousAffiliation"},
      {DataCategory.ALT_PAYMENT, "NATIONAL_ID", nationalId, "tenant_ethnicity"},
      {DataCategory.INCOME, "NATIONAL_ID", nationalId, "Spouse-Income"},
      {DataCategory.INCOME, "NATIONAL_ID", nationalId, "maternityLeaveHealthNote"},
      {DataCategory.TAX_COMPLIANCE, "COMPANY_REGISTRATION", registration, "directorNationality"},
      {DataCategory.REGULATORY_PENALTY, "COMPANY_REGISTRATION", registration, "UnionMembers"},
      {DataCategory.COURT_JUDGMENT, "COMPANY_REGISTRATION", registration, "ownerGender"},
      {DataCategory.TRADE_PAYMENT, "COMPANY_REGISTRATION", registration, "gps_trace"}
    };
    long before = projections.count("furnished_record");
    long outcomesBefore = projections.count("ingestion_outcome");
    for (Object[] c : cases) {
      String id = newRecordId();
      ObjectNode record = Samples.record(id, (DataCategory) c[0], (String) c[1], (String) c[2]);
      ObjectNode nested = ((ObjectNode) record.get("data")).putObject("extra");
      nested.putArray("items").addObject().put((String) c[3], "x");
      post(batch(
              Samples.record(newRecordId(), (DataCategory) c[0], (String) c[1], (String) c[2]),
              record))
          .statusCode(422)
          .body("type", equalTo("https://credence.dev/problems/prohibited-attribute"))
          .body("violations[0].field", containsString((String) c[3]));
    }
    assertEquals(before, projections.count("furnished_record"));
    assertEquals(outcomesBefore, projections.count("ingestion_outcome"));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aCorrectionSupersedesTheOldVersionAndQueuesAcceptedThenWithdrawn() {
    String nationalId = consentedPerson(DataCategory.TRADELINE);
    String id = newRecordId();
    String first =
        post(batch(tradeline(id, nationalId)))
            .statusCode(200)
            .extract()
            .path("results[0].recordId");
    ObjectNode correction = tradeline(id, nationalId);
    ((ObjectNode) correction.get("data")).put("currentBalance", 10).put("reportedOn", "2026-11-15");

    String second =
        post(batch(correction))
            .statusCode(200)
            .body("results[0].outcome", equalTo("SUPERSEDED"))
            .body("results[0].supersedes", equalTo(first))
            .extract()
            .path("results[0].recordId");

    assertEquals("SUPERSEDED", projections.status(first));
    assertEquals("ACTIVE", projections.status(second));
    assertEquals(
        2,
        projections.single(
            "select version from furnished_record where id = ?1", UUID.fromString(second)));
    List<JsonNode> events = projections.eventsAbout(first);
    assertEquals(
        List.of("record.accepted", "record.withdrawn"),
        events.stream().map(e -> e.get("type").asText()).toList());
    JsonNode withdrawn = events.get(1).get("payload");
    assertEquals("SUPERSEDED", withdrawn.get("reason").asText());
    assertEquals(second, withdrawn.get("replacedBy").asText());
    assertEquals("record.accepted", projections.eventsAbout(second).get(0).get("type").asText());
    // the furnisher reads the current version back
    given()
        .get("/v1/records/" + second)
        .then()
        .statusCode(200)
        .body("data.currentBalance", equalTo(10));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aReplayOfTheOldVersionIsADuplicateAndAnOlderVersionIsStale() {
    String nationalId = consentedPerson(DataCategory.TRADELINE);
    String id = newRecordId();
    ObjectNode original = tradeline(id, nationalId);
    String first = post(batch(original)).statusCode(200).extract().path("results[0].recordId");
    ObjectNode correction = tradeline(id, nationalId);
    ((ObjectNode) correction.get("data")).put("currentBalance", 10).put("reportedOn", "2026-11-15");
    post(batch(correction)).statusCode(200).body("results[0].outcome", equalTo("SUPERSEDED"));
    long outbox = projections.outboxRows();

    post(batch(original))
        .statusCode(200)
        .body("results[0].outcome", equalTo("DUPLICATE"))
        .body("results[0].recordId", equalTo(first));
    ObjectNode stale = tradeline(id, nationalId);
    ((ObjectNode) stale.get("data")).put("currentBalance", 20).put("reportedOn", "2026-10-01");
    post(batch(stale))
        .statusCode(200)
        .body("results[0].outcome", equalTo("REJECTED"))
        .body("results[0].reason.code", equalTo("STALE_VERSION"));

    assertEquals(2, stored(id));
    assertEquals(outbox, projections.outboxRows());
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aReplayedMixedBatchChangesNothing() {
    String nationalId = consentedPerson(DataCategory.TRADELINE, DataCategory.INCOME);
    String a = newRecordId();
    String b = newRecordId();
    ObjectNode corrected = tradeline(a, nationalId);
    ((ObjectNode) corrected.get("data")).put("currentBalance", 1);
    String body =
        batch(
            tradeline(a, nationalId),
            corrected,
            Samples.record(b, DataCategory.INCOME, "NATIONAL_ID", nationalId),
            tradeline(newRecordId(), Projections.newNationalId()));
    post(body)
        .statusCode(200)
        .body("results.outcome", contains("ACCEPTED", "SUPERSEDED", "ACCEPTED", "REJECTED"));
    long records = projections.count("furnished_record");
    long outbox = projections.outboxRows();

    post(body)
        .statusCode(200)
        .body("results.outcome", contains("DUPLICATE", "DUPLICATE", "DUPLICATE", "REJECTED"));

    assertEquals(records, projections.count("furnished_record"));
    assertEquals(outbox, projections.outboxRows());
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void aDeleteAccountTradelineWithdrawsTheHeldVersionAndStoresNothingNew() {
    for (String deletion : List.of("DA", "DF")) {
      String nationalId = consentedPerson(DataCategory.TRADELINE);
      String furnisherRecordId = newRecordId();
      String first =
          post(batch(tradeline(furnisherRecordId, nationalId)))
              .statusCode(200)
              .extract()
              .path("results[0].recordId");
      ObjectNode delete = tradeline(furnisherRecordId, nationalId);
      ((ObjectNode) delete.get("data")).put("accountStatus", deletion);
      ((ObjectNode) delete.get("data")).put("reportedOn", "2026-11-02");

      post(batch(delete))
          .statusCode(200)
          .body("results[0].outcome", equalTo("DELETED"))
          .body("results[0].recordId", equalTo(first))
          .body("results[0].supersedes", equalTo(null))
          .body("summary.deleted", equalTo(1))
          .body("summary.accepted", equalTo(0))
          .body("summary.superseded", equalTo(0));

      assertEquals(1, stored(furnisherRecordId), deletion + " stores no new version");
      assertEquals("DELETED", projections.status(first));
      List<String> events =
          projections.eventsAbout(first).stream()
              .map(e -> e.get("type").asText() + ":" + e.at("/payload/reason").asText())
              .toList();
      assertEquals(List.of("record.accepted:", "record.withdrawn:DELETED"), events);
      assertEquals(
          0L,
          projections.countWhere(
              "select count(*) from outbox_event where type = 'record.accepted'"
                  + " and payload -> 'payload' ->> 'furnisherRecordId' = ?1"
                  + " and payload -> 'payload' -> 'data' ->> 'accountStatus' = ?2",
              furnisherRecordId,
              deletion));
    }
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsADeleteAccountTradelineWithNothingToDelete() {
    String nationalId = consentedPerson(DataCategory.TRADELINE);
    String furnisherRecordId = newRecordId();
    ObjectNode delete = tradeline(furnisherRecordId, nationalId);
    ((ObjectNode) delete.get("data")).put("accountStatus", "DF");

    post(batch(delete))
        .statusCode(200)
        .body("results[0].outcome", equalTo("REJECTED"))
        .body("results[0].reason.code", equalTo("NOTHING_TO_DELETE"))
        .body("results[0].reason.message", not(containsString(nationalId)))
        .body("summary.rejected", equalTo(1));

    assertEquals(0, stored(furnisherRecordId));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsACorrectionThatReagesADelinquency() {
    String nationalId = consentedPerson(DataCategory.TRADELINE);
    String furnisherRecordId = newRecordId();
    ObjectNode chargedOff = tradeline(furnisherRecordId, nationalId);
    ((ObjectNode) chargedOff.get("data")).put("accountStatus", "97");
    ((ObjectNode) chargedOff.get("data")).put("dateOfFirstDelinquency", "2022-05-01");
    String first = post(batch(chargedOff)).statusCode(200).extract().path("results[0].recordId");
    ObjectNode later = chargedOff.deepCopy();
    ((ObjectNode) later.get("data")).put("dateOfFirstDelinquency", "2024-05-01");
    ((ObjectNode) later.get("data")).put("reportedOn", "2026-11-02");
    ObjectNode removed = chargedOff.deepCopy();
    ((ObjectNode) removed.get("data")).remove("dateOfFirstDelinquency");
    ((ObjectNode) removed.get("data")).put("reportedOn", "2026-11-02");

    post(batch(later, removed))
        .statusCode(200)
        .body("results.outcome", contains("REJECTED", "REJECTED"))
        .body("results.reason.code", contains("REAGED_DELINQUENCY", "REAGED_DELINQUENCY"))
        .body("results[0].reason.message", not(containsString("2024-05-01")));

    assertEquals(1, stored(furnisherRecordId));
    assertEquals("ACTIVE", projections.status(first));
    ObjectNode earlier = chargedOff.deepCopy();
    ((ObjectNode) earlier.get("data")).put("dateOfFirstDelinquency", "2022-04-01");
    ((ObjectNode) earlier.get("data")).put("reportedOn", "2026-11-02");
    ObjectNode curedToCurrent = tradeline(furnisherRecordId, nationalId);
    ((ObjectNode) curedToCurrent.get("data")).put("reportedOn", "2026-11-03");
    post(batch(earlier, curedToCurrent))
        .statusCode(200)
        .body("results.outcome", contains("SUPERSEDED", "SUPERSEDED"));
  }

  /**
   * A negative item must say when its reporting period starts (FCRA §605): a charged-off tradeline,
   * one paid and closed after a charge-off, and late rent without their date of first delinquency
   * used to be stored with no ageing day at all, and so would have counted for ever.
   */
  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsANegativeItemWithoutTheDateThatStartsItsReportingPeriod() {
    String nationalId = consentedPerson(DataCategory.TRADELINE, DataCategory.ALT_PAYMENT);
    ObjectNode chargedOff = tradeline(newRecordId(), nationalId);
    ((ObjectNode) chargedOff.get("data")).put("accountStatus", "97").put("paymentRating", "L");
    ObjectNode paidAfterChargeOff = tradeline(newRecordId(), nationalId);
    ((ObjectNode) paidAfterChargeOff.get("data"))
        .put("accountStatus", "13")
        .put("paymentRating", "L");
    ObjectNode lateRent =
        Samples.record(newRecordId(), DataCategory.ALT_PAYMENT, "NATIONAL_ID", nationalId);
    ((ObjectNode) lateRent.get("data"))
        .put("paymentHistoryProfile", "000000000000100000000000")
        .remove("dateOfFirstDelinquency");
    ObjectNode current = tradeline(newRecordId(), nationalId);

    post(batch(chargedOff, paidAfterChargeOff, lateRent, current))
        .statusCode(200)
        .body("results.outcome", contains("REJECTED", "REJECTED", "REJECTED", "ACCEPTED"))
        .body(
            "results[0..2].reason.code",
            contains(
                "DELINQUENCY_DATE_REQUIRED",
                "DELINQUENCY_DATE_REQUIRED",
                "DELINQUENCY_DATE_REQUIRED"))
        .body("results[0].reason.fields", contains("/dateOfFirstDelinquency"))
        .body("results[2].reason.fields", contains("/dateOfFirstDelinquency"));

    // foreclosure completed, voluntary surrender, repossession: admitted, and negative like 97
    for (String status : List.of("94", "95", "96")) {
      ObjectNode ended = tradeline(newRecordId(), nationalId);
      ((ObjectNode) ended.get("data")).put("accountStatus", status);
      post(batch(ended))
          .statusCode(200)
          .body("results[0].outcome", equalTo("REJECTED"))
          .body("results[0].reason.code", equalTo("DELINQUENCY_DATE_REQUIRED"));
      ((ObjectNode) ended.get("data")).put("dateOfFirstDelinquency", "2024-03-01");
      post(batch(ended)).statusCode(200).body("results[0].outcome", equalTo("ACCEPTED"));
      assertEquals(
          java.time.LocalDate.of(2031, 3, 1),
          projections.single(
              "select ages_out_on from furnished_record where furnisher_record_id = ?1",
              ended.get("furnisherRecordId").asText()));
    }

    for (ObjectNode rejected : List.of(chargedOff, paidAfterChargeOff, lateRent)) {
      assertEquals(0, stored(rejected.get("furnisherRecordId").asText()));
    }
    ((ObjectNode) chargedOff.get("data")).put("dateOfFirstDelinquency", "2024-02-01");
    post(batch(chargedOff)).statusCode(200).body("results[0].outcome", equalTo("ACCEPTED"));
    assertEquals(
        java.time.LocalDate.of(2031, 2, 1),
        projections.single(
            "select ages_out_on from furnished_record where furnisher_record_id = ?1",
            chargedOff.get("furnisherRecordId").asText()));
  }
}
