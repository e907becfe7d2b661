package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.IdentifierType;
import dev.credence.common.problem.ProblemException;
import dev.credence.consent.domain.ConsentTerms;
import dev.credence.consent.service.ConsentService;
import dev.credence.consent.service.SubjectService;
import dev.credence.consent.support.Terms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/** Erasure: consents end at once, identifiers go, the legally kept parts stay and are named. */
@QuarkusTest
class ErasureTest {
  static final String JUDY = "0j0d1000-0000-4000-8000-000000000011";

  @Inject SubjectService subjects;
  @Inject ConsentService consents;
  @Inject EntityManager em;

  private long count(String sql, Object... params) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              var q = em.createNativeQuery(sql);
              for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
              }
              return ((Number) q.getSingleResult()).longValue();
            });
  }

  private static ConsentTerms terms() {
    return Terms.demoLenderCreditApplication();
  }

  @Test
  @TestSecurity(user = "judy", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = JUDY))
  void erasureEndsEveryConsentErasesIdentifiersAndStatesWhatIsKeptByLaw() {
    subjects.enrolPerson(JUDY, "judy-sub", "JUDY-TEST-0011");
    var active = consents.grant(JUDY, terms(), JUDY);
    var pending =
        consents.request("demo-lender", IdentifierType.NATIONAL_ID, "JUDY-TEST-0011", terms());
    // the relay has published her registration (with its identifier hashes) and her consents
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "update outbox_event set published_at = now()"
                            + " where message_key in (?1, ?2)")
                    .setParameter(1, JUDY)
                    .setParameter(2, "subject:" + JUDY)
                    .executeUpdate());
    assertTrue(
        count(
                "select count(*) from outbox_event where type = 'subject.registered'"
                    + " and message_key in (?1, ?2) and published_at is not null",
                JUDY,
                "subject:" + JUDY)
            >= 1);

    String requestId =
        given()
            .post("/v1/erasure-requests")
            .then()
            .statusCode(202)
            .body("status", equalTo("ACCEPTED"))
            .body("consentsRevoked", equalTo(1))
            .body("requestsRejected", equalTo(1))
            .body("identifiersErased", equalTo(1))
            .body("erased.where", hasItem(containsString("ingestion-service")))
            .body("kept.why", hasItem(containsString("FCRA §604")))
            .body("kept.why", hasItem(containsString("GDPR Art. 7(1)")))
            .extract()
            .path("requestId");

    given()
        .get("/v1/consents/" + active.id + "/history")
        .then()
        .body("toStatus", equalTo(java.util.List.of("ACTIVE", "REVOKED")))
        .body("[1].reason", equalTo("ERASURE_REQUESTED"));
    given().get("/v1/consents/" + pending.id).then().body("status", equalTo("REJECTED"));
    given().get("/v1/consents?status=ACTIVE").then().body("$", empty());
    given()
        .get("/v1/consents/" + active.id + "/receipts")
        .then()
        .body("kind", hasItem("REVOCATION"));

    assertEquals(
        1,
        count(
            "select count(*) from outbox_event where type = 'subject.erasure-requested'"
                + " and topic = 'credence.consent.v1.test' and message_key = ?1"
                + " and payload->'payload'->>'requestId' = ?2",
            JUDY,
            requestId));
    assertEquals(
        1,
        count(
            "select count(*) from outbox_event where type = 'subject.erasure-requested'"
                + " and topic = 'credence.consent-state.v1.test' and message_key = ?1",
            "subject:" + JUDY));
    assertEquals(0, count("select count(*) from subject_identifier where subject_id = ?1", JUDY));
    assertEquals(
        1,
        count(
            "select count(*) from log_trim where topic = 'credence.consent.v1.test'"
                + " and message_key = ?1 and cut_at is null",
            JUDY),
        "her events on the consent topic are to be cut once its readers have read them");
    // the published copies are gone (her registration carried the identifier hashes); the
    // events of the erasure itself still leave
    assertEquals(
        0,
        count(
            "select count(*) from outbox_event where type = 'subject.registered'"
                + " and message_key in (?1, ?2)",
            JUDY,
            "subject:" + JUDY),
        "no copy of her registration is kept in the outbox");
    assertEquals(
        0,
        count(
            "select count(*) from outbox_event where type = 'consent.changed'"
                + " and message_key = ?1 and payload->'payload'->>'status' = 'ACTIVE'",
            JUDY),
        "nor of her grant");
    assertEquals(
        1,
        count(
            "select count(*) from outbox_event where type = 'consent.changed'"
                + " and topic = 'credence.consent.v1.test'"
                + " and payload->'payload'->>'consentId' = ?1"
                + " and payload->'payload'->>'status' = 'REVOKED'",
            active.id.toString()));

    // no new consent, no new enrolment under the erased subject id; lenders can no longer name her
    given()
        .contentType(ContentType.JSON)
        .body(ConsentResourceTest.DISCLOSE_BODY)
        .post("/v1/consents")
        .then()
        .statusCode(409)
        .body("type", endsWith("/subject-erased"));
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .put("/v1/subjects/me")
        .then()
        .statusCode(409)
        .body("type", endsWith("/subject-erased"));
    ProblemException unknown =
        assertThrows(
            ProblemException.class,
            () ->
                consents.request(
                    "demo-lender", IdentifierType.NATIONAL_ID, "JUDY-TEST-0011", terms()));
    assertEquals("unknown-subject", unknown.type().slug());

    // asking again returns the same request
    given()
        .post("/v1/erasure-requests")
        .then()
        .statusCode(200)
        .body("requestId", equalTo(requestId));
    given()
        .get("/v1/erasure-requests")
        .then()
        .statusCode(200)
        .body("$", hasSize(1))
        .body("[0].status", equalTo("ACCEPTED"));
    assertEquals(
        1,
        count("select count(*) from log_trim where message_key = ?1", JUDY),
        "asking again asks for no second cut");
  }
}
