package dev.credence.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Events;
import dev.credence.common.events.OfficerLinkChanged;
import dev.credence.common.events.Purpose;
import dev.credence.scoring.TestData;
import dev.credence.scoring.service.ProjectionService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** POST /v1/scores for an organisation: the compliance rating, explained, under consent. */
@QuarkusTest
@TestSecurity(user = "demo-lender", roles = "lender")
@OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
class OrganisationScoreResourceTest {
  static final String LENDER = "demo-lender";
  static final LocalDate TODAY = TestData.TODAY;

  @Inject TestData data;
  @Inject ProjectionService projections;

  static String newLei() {
    return "5299" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
  }

  static ValidatableResponse requestRating(String lei, String purpose) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            "{\"subject\":{\"identifierType\":\"LEI\",\"identifier\":\""
                + lei
                + "\"},\"purpose\":\""
                + purpose
                + "\"}")
        .when()
        .post("/v1/scores")
        .then();
  }

  static ObjectNode json() {
    return EventCodec.mapper().createObjectNode();
  }

  UUID taxCompliance(String subjectId, String status, LocalDate periodEnd) {
    return data.record(
        subjectId,
        DataCategory.TAX_COMPLIANCE,
        json()
            .put("status", status)
            .put("periodEnd", periodEnd.toString())
            .put("legalBasis", "Tax Administration Act s.12"));
  }

  UUID penalty(String subjectId, String severity, LocalDate imposedOn, boolean resolved) {
    ObjectNode d =
        json()
            .put("domain", "ENVIRONMENT")
            .put("severity", severity)
            .put("amount", 25000)
            .put("currency", "EUR")
            .put("imposedOn", imposedOn.toString())
            .put("resolved", resolved)
            .put("authority", "Environment Agency")
            .put("legalBasis", "Environmental Protection Act s.33");
    return data.record(subjectId, DataCategory.REGULATORY_PENALTY, d);
  }

  void invoice(String subjectId, double amount, LocalDate date, int dbt) {
    data.record(
        subjectId,
        DataCategory.TRADE_PAYMENT,
        json()
            .put("invoiceAmount", amount)
            .put("currency", "EUR")
            .put("invoiceDate", date.toString())
            .put("termsDays", 30)
            .put("daysBeyondTerms", dbt)
            .put("paidOn", date.plusDays(30 + dbt).toString()));
  }

  @Test
  void anOrganisationGetsItsComplianceRatingGradePaymentIndexAndTheRecordsThatCostPoints() {
    String lei = newLei();
    String subjectId = data.registerOrganisation(lei);
    taxCompliance(subjectId, "COMPLIANT", TODAY.minusMonths(2));
    UUID major = penalty(subjectId, "MAJOR", TODAY.minusMonths(18), false);
    UUID minor = penalty(subjectId, "MINOR", TODAY.minusMonths(3), true);
    invoice(subjectId, 1000, TODAY.minusMonths(1), 0);
    invoice(subjectId, 3000, TODAY.minusMonths(2), 20);
    invoice(subjectId, 1000, TODAY.minusMonths(3), -10);
    data.grantAll(subjectId, LENDER, Purpose.CREDIT_APPLICATION);

    JsonPath body =
        requestRating(lei, "CREDIT_APPLICATION")
            .statusCode(200)
            .body("subjectType", equalTo("ORGANISATION"))
            .body("outcome", equalTo("SCORED"))
            // 100 - 12 (major, 1-3 years, unresolved) - 2 (minor, < 1 year, resolved)
            .body("score", equalTo(86))
            .body("scale.min", equalTo(0))
            .body("scale.max", equalTo(100))
            .body("band", equalTo("B"))
            .body("organisation.complianceRating", equalTo(86))
            .body("organisation.grade", equalTo("B"))
            .body("organisation.paymentIndex.index", equalTo(70))
            .body("organisation.paymentIndex.invoices", equalTo(3))
            .body("organisation.deductions", hasSize(2))
            .body("organisation.deductions[0].recordId", equalTo(major.toString()))
            .body("organisation.deductions[0].points", equalTo(12))
            .body("organisation.deductions[0].reasonCode", equalTo("REGULATORY_PENALTY_MAJOR"))
            .body("organisation.deductions[1].recordId", equalTo(minor.toString()))
            .body("organisation.deductions[1].points", equalTo(2))
            .body("reasonCodes[0].code", equalTo("REGULATORY_PENALTY_MAJOR"))
            .body("reasonCodes[0].pointsLost", equalTo(12))
            .body("model.id", equalTo("organisation-rating"))
            .body("model.version", equalTo("3"))
            .body("snapshotHash", notNullValue())
            // both penalties are ENVIRONMENT ones, one of them resolved: no repeat deduction
            .body("organisation.penaltyDomains", hasSize(1))
            .body("organisation.penaltyDomains[0].domain", equalTo("ENVIRONMENT"))
            .body("organisation.penaltyDomains[0].penalties", equalTo(2))
            .body("organisation.penaltyDomains[0].unresolved", equalTo(1))
            .body("organisation.penaltyDomains[0].worstSeverity", equalTo("MAJOR"))
            .body(
                "organisation.penaltyDomains[0].latestImposedOn",
                equalTo(TODAY.minusMonths(3).toString()))
            .body("organisation.penaltyDomains[0].monthsSinceLatest", equalTo(3))
            .extract()
            .jsonPath();

    String disclosureId = body.getString("disclosureId");
    assertEquals(1, data.disclosures(subjectId));
    assertEquals(
        1,
        data.count(
            "select count(*) from inquiry where subject_id = ?1 and kind = 'HARD'", subjectId));
    given()
        .get("/v1/disclosures/" + disclosureId)
        .then()
        .statusCode(200)
        .body("organisation.deductions", hasSize(2))
        .body("organisation.paymentIndex.index", equalTo(70))
        .body("organisation.penaltyDomains", equalTo(body.getList("organisation.penaltyDomains")))
        .body("snapshotHash", equalTo(body.getString("snapshotHash")));
  }

  @Test
  void repeatedUnresolvedPenaltiesInOneDomainCostFivePointsEachBeyondTheFirst() {
    String lei = newLei();
    String subjectId = data.registerOrganisation(lei);
    taxCompliance(subjectId, "COMPLIANT", TODAY.minusMonths(2));
    penalty(subjectId, "MINOR", TODAY.minusMonths(20), false);
    UUID latest = penalty(subjectId, "MINOR", TODAY.minusMonths(2), false);
    data.grantAll(subjectId, LENDER, Purpose.CREDIT_APPLICATION);

    requestRating(lei, "CREDIT_APPLICATION")
        .statusCode(200)
        // 100 - 5 (minor, < 1 year) - 5 (repeat: 2 unresolved ENVIRONMENT) - 3 (minor, 1-3 years)
        .body("score", equalTo(87))
        .body("organisation.deductions", hasSize(3))
        .body("organisation.deductions[0].reasonCode", equalTo("REGULATORY_PENALTY_MINOR"))
        .body("organisation.deductions[1].reasonCode", equalTo("REPEATED_PENALTIES_IN_DOMAIN"))
        .body("organisation.deductions[1].recordId", equalTo(latest.toString()))
        .body("organisation.deductions[1].points", equalTo(5))
        .body(
            "organisation.deductions[1].detail",
            equalTo("ENVIRONMENT: 2 unresolved penalties imposed in the last 36 months"))
        .body("organisation.penaltyDomains[0].unresolved", equalTo(2));
  }

  static final String OFFICER = "officer-olga-0001";

  void officerLink(String organisationId, boolean linked, java.time.Instant at) {
    projections.applyConsentEvent(
        EventCodec.envelope(
            Events.OFFICER_LINK_CHANGED,
            organisationId,
            "consent-service",
            new OfficerLinkChanged(organisationId, OFFICER, linked, at),
            at));
  }

  static ValidatableResponse ownRating(String organisationId) {
    var request = given();
    if (organisationId != null) {
      request = request.header("Credence-Organisation", organisationId);
    }
    return request.when().get("/v1/me/organisation-rating").then();
  }

  @Test
  @TestSecurity(user = "olga", roles = "officer")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = OFFICER))
  void aLinkedOfficerSeesTheOrganisationsOwnRatingWhichIsNoDisclosure() {
    String lei = newLei();
    String subjectId = data.registerOrganisation(lei);
    taxCompliance(subjectId, "COMPLIANT", TODAY.minusMonths(2));
    UUID major = penalty(subjectId, "MAJOR", TODAY.minusMonths(18), false);
    penalty(subjectId, "MINOR", TODAY.minusMonths(3), true);
    invoice(subjectId, 1000, TODAY.minusMonths(1), 0);
    invoice(subjectId, 3000, TODAY.minusMonths(2), 20);
    invoice(subjectId, 1000, TODAY.minusMonths(3), -10);

    // not (yet) an officer: nothing is revealed, not even whether the organisation exists
    ownRating(subjectId).statusCode(403).body("type", endsWith("/not-an-officer-of-organisation"));
    ownRating(null)
        .statusCode(400)
        .body("type", endsWith("/organisation-required")) // as consent-service answers it
        .body("detail", containsString("Credence-Organisation"));

    java.time.Instant linkedAt = java.time.Instant.parse("2026-11-01T10:00:00Z");
    officerLink(subjectId, true, linkedAt);
    ownRating(subjectId)
        .statusCode(200)
        .body("organisationId", equalTo(subjectId))
        .body("outcome", equalTo("SCORED"))
        // the same rules as the lender's answer: 100 - 12 - 2
        .body("score", equalTo(86))
        .body("grade", equalTo("B"))
        .body("scale.max", equalTo(100))
        .body("organisation.paymentIndex.index", equalTo(70))
        .body("organisation.deductions", hasSize(2))
        .body("organisation.deductions[0].recordId", equalTo(major.toString()))
        .body("organisation.deductions[0].text", notNullValue())
        .body("reasonCodes[0].code", equalTo("REGULATORY_PENALTY_MAJOR"))
        .body("disputedRecords", equalTo(0))
        .body("model.id", equalTo("organisation-rating"))
        .body("snapshotHash", notNullValue());
    assertEquals(0, data.disclosures(subjectId), "an officer's own view is no disclosure");
    assertEquals(0, data.count("select count(*) from inquiry where subject_id = ?1", subjectId));

    // an officer of one organisation sees no other
    String other = data.registerOrganisation(newLei());
    ownRating(other).statusCode(403).body("type", endsWith("/not-an-officer-of-organisation"));

    // a replayed older change does not close the link; a newer unlink does
    officerLink(subjectId, false, linkedAt.minusSeconds(60));
    ownRating(subjectId).statusCode(200);
    officerLink(subjectId, false, linkedAt.plusSeconds(60));
    ownRating(subjectId).statusCode(403).body("type", endsWith("/not-an-officer-of-organisation"));
  }

  @Test
  void anOrganisationWithoutConsentIsRefusedAndNothingIsDisclosed() {
    String lei = newLei();
    String subjectId = data.registerOrganisation(lei);
    taxCompliance(subjectId, "COMPLIANT", TODAY.minusMonths(2));

    requestRating(lei, "CREDIT_APPLICATION")
        .statusCode(403)
        .body("type", endsWith("/consent-required"));
    assertEquals(0, data.disclosures(subjectId));
  }

  @Test
  void withoutARecentTaxComplianceRecordAnOrganisationGetsNoScoreButAPaymentIndex() {
    String lei = newLei();
    String subjectId = data.registerOrganisation(lei);
    taxCompliance(subjectId, "COMPLIANT", TODAY.minusMonths(30));
    invoice(subjectId, 1000, TODAY.minusMonths(1), 0);
    invoice(subjectId, 1000, TODAY.minusMonths(2), 0);
    invoice(subjectId, 1000, TODAY.minusMonths(3), 0);
    data.grantAll(subjectId, LENDER, Purpose.ACCOUNT_REVIEW);

    requestRating(lei, "ACCOUNT_REVIEW")
        .statusCode(200)
        .body("outcome", equalTo("NO_SCORE"))
        .body("score", nullValue())
        .body("noScoreReason.code", equalTo("NO_RECENT_TAX_COMPLIANCE"))
        .body("organisation.paymentIndex.index", equalTo(80))
        .body("organisation.grade", nullValue());
    assertEquals(1, data.disclosures(subjectId));
  }
}
