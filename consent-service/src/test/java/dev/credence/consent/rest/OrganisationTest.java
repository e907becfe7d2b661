package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.consent.domain.ConsentTerms;
import dev.credence.consent.domain.Lei;
import dev.credence.consent.domain.OrganisationRegistration;
import dev.credence.consent.service.ConsentService;
import dev.credence.consent.service.OrganisationService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Organisations: registration by an operator, officers acting for exactly their organisation. */
@QuarkusTest
class OrganisationTest {
  static final String OLGA = "0a1ga000-0000-4000-8000-000000000010";
  static final String PROBLEM = "application/problem+json";
  static final String ORG_HEADER = "Credence-Organisation";
  static final Random RANDOM = new Random();

  @Inject OrganisationService organisations;
  @Inject ConsentService consents;
  @Inject EntityManager em;

  static String newLei() {
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < 18; i++) {
      prefix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return prefix + Lei.checkDigits(prefix.toString());
  }

  private String registerWithOfficer(String officer) {
    String orgId =
        organisations.register(
                new OrganisationRegistration(
                    "Acme " + UUID.randomUUID(),
                    "GB",
                    "R" + RANDOM.nextInt(1_000_000_000),
                    newLei()),
                "op")
            .subjectId;
    if (officer != null) {
      organisations.link(orgId, officer, "op");
    }
    return orgId;
  }

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

  static final String ORG_GRANT =
      """
      {"granteeId":"demo-lender","direction":"DISCLOSE","purpose":"CREDIT_APPLICATION",
       "categories":["TAX_COMPLIANCE","TRADE_PAYMENT"]}""";

  @Test
  @TestSecurity(user = "oscar", roles = "operator")
  void anOperatorRegistersAnOrganisationAnnouncedOnlyByKeyedHashes() {
    String lei = newLei();
    String id =
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"legalName\":\"Hashed Widgets Ltd\",\"country\":\"gb\","
                    + "\"registrationNumber\":\"HW-778899\",\"lei\":\""
                    + lei.toLowerCase()
                    + "\"}")
            .post("/v1/organisations")
            .then()
            .statusCode(201)
            .body("subjectId", startsWith("org-"))
            .body("country", equalTo("GB"))
            .body("lei", equalTo(lei))
            .extract()
            .path("subjectId");
    assertEquals(
        1,
        count(
            "select count(*) from outbox_event where type = 'subject.registered'"
                + " and message_key = ?1 and topic = 'credence.consent.v1.test'"
                + " and payload->'payload'->>'subjectType' = 'ORGANISATION'"
                + " and jsonb_array_length(payload->'payload'->'identifiers') = 2",
            id));
    assertEquals(
        0,
        count(
            "select count(*) from outbox_event where message_key = ?1"
                + " and (payload::text like ?2 or payload::text like '%778899%')",
            id, "%" + lei + "%"));
    assertEquals(
        2,
        count(
            "select count(*) from subject_identifier where subject_id = ?1"
                + " and identifier_type in ('LEI', 'COMPANY_REGISTRATION')",
            id));

    given()
        .contentType(ContentType.JSON)
        .body("{\"legalName\":\"Copycat\",\"country\":\"FR\",\"lei\":\"" + lei + "\"}")
        .post("/v1/organisations")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("type", endsWith("/identifier-conflict"));
  }

  @Test
  @TestSecurity(user = "oscar", roles = "operator")
  void anInvalidLeiOrCountryIsRefusedAndNothingIsStored() {
    long before = count("select count(*) from organisation");
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"legalName\":\"Bad Check Ltd\",\"country\":\"ZZ\",\"lei\":\"7LTWFZYICNSX8D621K87\"}")
        .post("/v1/organisations")
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("type", endsWith("/invalid-organisation"))
        .body("errors.field", containsInAnyOrder("country", "lei"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"legalName\":\"No Ids Ltd\",\"country\":\"GB\"}")
        .post("/v1/organisations")
        .then()
        .statusCode(422)
        .body("errors.field", contains("registrationNumber"));
    assertEquals(before, count("select count(*) from organisation"));
  }

  @Test
  @TestSecurity(user = "oscar", roles = "operator")
  void anOperatorLinksAndUnlinksOfficers() {
    String org = registerWithOfficer(null);
    given()
        .contentType(ContentType.JSON)
        .body("{\"officerSubjectId\":\"" + OLGA + "\"}")
        .post("/v1/organisations/" + org + "/officers")
        .then()
        .statusCode(201);
    given()
        .contentType(ContentType.JSON)
        .body("{\"officerSubjectId\":\"" + OLGA + "\"}")
        .post("/v1/organisations/" + org + "/officers")
        .then()
        .statusCode(200);
    given()
        .get("/v1/organisations/" + org)
        .then()
        .statusCode(200)
        .body("officers.officerSubjectId", contains(OLGA));
    given().delete("/v1/organisations/" + org + "/officers/" + OLGA).then().statusCode(204);
    given()
        .delete("/v1/organisations/" + org + "/officers/" + OLGA)
        .then()
        .statusCode(404)
        .body("type", endsWith("/officer-not-linked"));
    given().get("/v1/organisations/" + org).then().body("officers", empty());
    assertEquals(
        1,
        count(
            "select count(*) from organisation_officer where organisation_id = ?1"
                + " and unlinked_at is not null",
            org));
    // scoring learns of both changes (it lets linked officers see their organisation's rating);
    // the repeated link changed nothing and announced nothing
    assertEquals(
        2,
        count(
            "select count(*) from outbox_event where type = 'organisation.officer-link-changed'"
                + " and message_key = ?1 and topic = 'credence.consent.v1.test'",
            org));
    assertEquals(
        1,
        count(
            "select count(*) from outbox_event where type = 'organisation.officer-link-changed'"
                + " and message_key = ?1 and payload->'payload'->>'linked' = 'false'"
                + " and payload->'payload'->>'officerSubjectId' = ?2",
            org,
            OLGA));
    given()
        .contentType(ContentType.JSON)
        .body("{\"officerSubjectId\":\"" + OLGA + "\"}")
        .post("/v1/organisations/org-unknown/officers")
        .then()
        .statusCode(404)
        .body("type", endsWith("/organisation-not-found"));
  }

  @Test
  @TestSecurity(user = "olga", roles = "officer")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = OLGA))
  void anOfficerManagesTheOrganisationsConsentsLikeHerOwn() {
    String org = registerWithOfficer(OLGA);
    String id =
        given()
            .header(ORG_HEADER, org)
            .contentType(ContentType.JSON)
            .body(ORG_GRANT)
            .post("/v1/consents")
            .then()
            .statusCode(201)
            .body("subjectId", equalTo(org))
            .body("status", equalTo("ACTIVE"))
            .extract()
            .path("id");
    given()
        .header(ORG_HEADER, org)
        .get("/v1/consents?status=ACTIVE")
        .then()
        .statusCode(200)
        .body("id", hasItem(id));
    String receipt =
        given()
            .header(ORG_HEADER, org)
            .get("/v1/consents/" + id + "/receipts")
            .then()
            .statusCode(200)
            .body("kind", contains("GRANT"))
            .extract()
            .path("[0].jws");
    // the receipt names the organisation as the principal and the officer who acted for it
    String payload = new String(java.util.Base64.getUrlDecoder().decode(receipt.split("\\.")[1]));
    assertTrue(payload.contains("\"piiPrincipalId\":\"" + org + "\""), payload);
    assertTrue(payload.contains("\"actedBy\":\"" + OLGA + "\""), payload);
    assertTrue(payload.contains("\"actedOnBehalf\":true"), payload);
    given()
        .header(ORG_HEADER, org)
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"board decision\"}")
        .post("/v1/consents/" + id + "/revoke")
        .then()
        .statusCode(200)
        .body("status", equalTo("REVOKED"));
    given()
        .header(ORG_HEADER, org)
        .get("/v1/consents/" + id + "/history")
        .then()
        .body("toStatus", contains("ACTIVE", "REVOKED"))
        .body("changedBy", contains(OLGA, OLGA));
    // a person's category does not apply to an organisation
    given()
        .header(ORG_HEADER, org)
        .contentType(ContentType.JSON)
        .body(ConsentResourceTest.DISCLOSE_BODY)
        .post("/v1/consents")
        .then()
        .statusCode(422)
        .body("type", endsWith("/invalid-consent-terms"));
    given().get("/v1/organisations").then().statusCode(200).body("subjectId", hasItem(org));
  }

  @Test
  @TestSecurity(user = "olga", roles = "officer")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = OLGA))
  void anOfficerOfOneOrganisationNeverReachesAnothers() {
    String mine = registerWithOfficer(OLGA);
    String theirs = registerWithOfficer("someone-else");
    String theirConsent =
        consents
            .grant(
                theirs,
                new ConsentTerms(
                    "demo-lender",
                    ConsentDirection.DISCLOSE,
                    Purpose.CREDIT_APPLICATION,
                    Set.of(DataCategory.TAX_COMPLIANCE),
                    null,
                    null,
                    null),
                "someone-else")
            .id
            .toString();
    given()
        .header(ORG_HEADER, theirs)
        .get("/v1/consents")
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("type", endsWith("/not-an-officer-of-organisation"));
    given()
        .header(ORG_HEADER, theirs)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/consents/" + theirConsent + "/revoke")
        .then()
        .statusCode(403);
    given()
        .header(ORG_HEADER, mine)
        .get("/v1/consents/" + theirConsent)
        .then()
        .statusCode(404)
        .body("type", endsWith("/consent-not-found"));
    given()
        .get("/v1/consents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", endsWith("/organisation-required"));
    given()
        .get("/v1/organisations/" + theirs)
        .then()
        .statusCode(404)
        .body("type", endsWith("/organisation-not-found"));
    given().get("/v1/organisations").then().body("subjectId", not(hasItem(theirs)));

    organisations.unlink(mine, OLGA, "op");
    given().header(ORG_HEADER, mine).get("/v1/consents").then().statusCode(403);
  }

  @Test
  @TestSecurity(user = "alice", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = ConsentResourceTest.ALICE))
  void aPersonWithoutTheOfficerRoleCannotActForAnOrganisation() {
    String org = registerWithOfficer(ConsentResourceTest.ALICE);
    given()
        .header(ORG_HEADER, org)
        .get("/v1/consents")
        .then()
        .statusCode(403)
        .body("type", endsWith("/not-an-officer-of-organisation"));
  }

  @Test
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void aLenderRequestsConsentOfAnOrganisationByLeiOrRegistrationNumber() {
    String lei = newLei();
    String number = "RN-" + RANDOM.nextInt(1_000_000);
    String org =
        organisations.register(
                new OrganisationRegistration("Lendable plc", "IE", number, lei), "op")
            .subjectId;
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"subject\":{\"identifierType\":\"LEI\",\"identifier\":\""
                + lei
                + "\"},\"purpose\":\"CREDIT_APPLICATION\",\"categories\":[\"TRADE_PAYMENT\"]}")
        .post("/v1/consent-requests")
        .then()
        .statusCode(201)
        .body("subjectId", equalTo(org))
        .body("status", equalTo("PENDING"));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"subject\":{\"identifierType\":\"COMPANY_REGISTRATION\",\"identifier\":\""
                + number.toLowerCase()
                + "\"},\"purpose\":\"ACCOUNT_REVIEW\",\"categories\":[\"TAX_COMPLIANCE\"]}")
        .post("/v1/consent-requests")
        .then()
        .statusCode(201)
        .body("subjectId", equalTo(org));
    assertEquals(
        2,
        consents.listForSubject(org, new ConsentService.Filter(null, null, "demo-lender")).size());
  }
}
