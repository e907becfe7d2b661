package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.consent.domain.ConsentTerms;
import dev.credence.consent.service.ConsentService;
import dev.credence.consent.service.SubjectService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Auditor views (read-only) and the operator's check; expired or revoked is never active. */
@QuarkusTest
class AuditTest {
  static final String KIM = "0k1m0000-0000-4000-8000-000000000012";

  @Inject SubjectService subjects;
  @Inject ConsentService consents;
  @Inject EntityManager em;

  private UUID grant(Instant expiresAt) {
    subjects.enrolPerson(KIM, "kim-sub", null);
    return consents.grant(
            KIM,
            new ConsentTerms(
                "audit-lender",
                ConsentDirection.DISCLOSE,
                Purpose.ACCOUNT_REVIEW,
                Set.of(DataCategory.TRADELINE, DataCategory.PAYMENT),
                null,
                expiresAt,
                null),
            KIM)
        .id;
  }

  @Test
  @TestSecurity(user = "audrey", roles = "auditor")
  void anAuditorReadsAnySubjectsConsentsHistoryAndReceiptsButChangesNothing() {
    UUID id = grant(null);
    consents.revoke(KIM, id, KIM, "no longer a customer");
    given()
        .get("/v1/audit/consents?subjectId=" + KIM)
        .then()
        .statusCode(200)
        .body("id", hasItem(id.toString()))
        .body("subjectId", everyItem(equalTo(KIM)));
    given()
        .get("/v1/audit/consents?granteeId=audit-lender&status=REVOKED")
        .then()
        .statusCode(200)
        .body("id", hasItem(id.toString()));
    given()
        .get("/v1/audit/consents/" + id + "/history")
        .then()
        .statusCode(200)
        .body("toStatus", equalTo(java.util.List.of("ACTIVE", "REVOKED")))
        .body("[1].changedBy", equalTo(KIM));
    given()
        .get("/v1/audit/consents/" + id + "/receipts")
        .then()
        .statusCode(200)
        .body("$", hasSize(2));
    given()
        .get("/v1/audit/consents")
        .then()
        .statusCode(400)
        .body("type", endsWith("/audit-filter-required"));
    given()
        .get("/v1/audit/consents/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("type", endsWith("/consent-not-found"));
    // read-only: the auditor reaches no mutating endpoint
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/consents/" + id + "/revoke")
        .then()
        .statusCode(403);
    given().post("/v1/erasure-requests").then().statusCode(403);
  }

  @Test
  @TestSecurity(user = "oscar", roles = "operator")
  void theCheckReportsActiveOnlyWhileInForceAndNeverAfterRevocationOrExpiry() {
    Instant now = Instant.now();
    UUID expiring = grant(now.plus(Duration.ofHours(1)));
    String check =
        "/v1/consent-check?subjectId="
            + KIM
            + "&granteeId=audit-lender&direction=DISCLOSE&purpose=ACCOUNT_REVIEW&category=PAYMENT";
    given()
        .get(check)
        .then()
        .statusCode(200)
        .body("active", equalTo(true))
        .body("consentIds", hasItem(expiring.toString()));
    given()
        .get(check.replace("ACCOUNT_REVIEW", "CREDIT_APPLICATION"))
        .then()
        .body("consentIds", org.hamcrest.Matchers.not(hasItem(expiring.toString())));

    // two hours later, with no expiry job run: the consent is expired by time everywhere
    QuarkusMock.installMockForType(
        Clock.fixed(now.plus(Duration.ofHours(2)), ZoneOffset.UTC), Clock.class);
    given()
        .get(check)
        .then()
        .body("consentIds", org.hamcrest.Matchers.not(hasItem(expiring.toString())));
    assertEquals(
        "EXPIRED",
        consents.listForSubject(KIM, new ConsentService.Filter(null, null, null)).stream()
            .filter(c -> c.id.equals(expiring))
            .findFirst()
            .orElseThrow()
            .effectiveStatus(consents.now())
            .name());
    // the job makes the stored status and the event stream catch up
    consents.expireDue();
    assertEquals(
        "EXPIRED",
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    (String)
                        em.createNativeQuery(
                                "select payload->'payload'->>'status' from outbox_event"
                                    + " where type = 'consent.changed'"
                                    + " and topic = 'credence.consent.v1.test'"
                                    + " and payload->'payload'->>'consentId' = ?1"
                                    + " order by (payload->'payload'->>'sequence')::int desc"
                                    + " limit 1")
                            .setParameter(1, expiring.toString())
                            .getSingleResult()));

    QuarkusMock.installMockForType(Clock.systemUTC(), Clock.class);
    UUID revoked = grant(null);
    consents.revoke(KIM, revoked, KIM, null);
    given()
        .get(check)
        .then()
        .body("consentIds", org.hamcrest.Matchers.not(hasItem(revoked.toString())));
    given()
        .get("/v1/consent-check?subjectId=" + KIM)
        .then()
        .statusCode(400)
        .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
  }
}
