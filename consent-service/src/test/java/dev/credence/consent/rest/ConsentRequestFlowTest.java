package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.credence.consent.service.ConsentService;
import dev.credence.consent.service.SubjectService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A lender requests; only the subject approves; another lender never sees the request. */
@QuarkusTest
class ConsentRequestFlowTest {
  static final String DAVE = "0da7e000-0000-4000-8000-000000000004";

  @Inject SubjectService subjects;
  @Inject ConsentService consents;

  @BeforeEach
  void daveIsEnrolled() {
    subjects.enrolPerson(DAVE, "dave-sub", "DAVE-TEST-0004");
  }

  @Test
  @TestSecurity(user = "demo-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
  void aLendersRequestIsPendingAndVisibleOnlyToThatLender() {
    String id =
        given()
            .contentType(ContentType.JSON)
            .body(
                """
                {"subject":{"identifierType":"NATIONAL_ID","identifier":"dave test 0004"},
                 "purpose":"ACCOUNT_REVIEW","categories":["TRADELINE"],"usageLimit":3}""")
            .post("/v1/consent-requests")
            .then()
            .statusCode(201)
            .body("status", equalTo("PENDING"))
            .body("granteeId", equalTo("demo-lender"))
            .body("grantee.name", equalTo("Demo Bank"))
            .body("direction", equalTo("DISCLOSE"))
            .body("subjectId", equalTo(DAVE))
            .extract()
            .path("id");
    given().get("/v1/consent-requests").then().statusCode(200).body("id", hasItem(id));
    given().get("/v1/consent-requests/" + id).then().statusCode(200);

    // the subject approves (service call stands in for the portal here)
    consents.approve(DAVE, java.util.UUID.fromString(id), DAVE);
    given().get("/v1/consent-requests/" + id).then().body("status", equalTo("ACTIVE"));
  }

  @Test
  @TestSecurity(user = "unlisted-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "unlisted-lender"))
  void aLenderNoOperatorRegisteredCannotAskAndLearnsNothingAboutWhoIsEnrolled() {
    for (String identifier : List.of("dave test 0004", "NOBODY-AT-ALL-1")) {
      given()
          .contentType(ContentType.JSON)
          .body(
              """
              {"subject":{"identifierType":"NATIONAL_ID","identifier":"%s"},
               "purpose":"ACCOUNT_REVIEW","categories":["TRADELINE"]}"""
                  .formatted(identifier))
          .post("/v1/consent-requests")
          .then()
          .statusCode(403)
          .contentType("application/problem+json")
          .body("type", endsWith("/lender-not-registered"));
    }
    assertEquals(
        0,
        consents
            .listForSubject(DAVE, new ConsentService.Filter(null, null, "unlisted-lender"))
            .size());
  }

  @Inject dev.credence.consent.service.GranteeService grantees;

  @Test
  void aRequestWhoseLenderIsNoLongerRegisteredCannotBeApproved() {
    String lender = "fleeting-lender-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    grantees.register(
        lender,
        new dev.credence.consent.service.GranteeService.Registration(
            dev.credence.consent.model.Grantee.Kind.LENDER,
            "Fleeting Ltd",
            null,
            "9 Test Street",
            "+44 20 0000 0099",
            null,
            null),
        "oscar");
    var pending =
        consents.request(
            lender,
            dev.credence.common.events.IdentifierType.NATIONAL_ID,
            "DAVE-TEST-0004",
            new dev.credence.consent.domain.ConsentTerms(
                null,
                null,
                dev.credence.common.events.Purpose.ACCOUNT_REVIEW,
                java.util.Set.of(dev.credence.common.events.DataCategory.TRADELINE),
                null,
                null,
                null));
    // as a request made before the registry existed: no registration behind it
    io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
        .run(() -> dev.credence.consent.model.Grantee.delete("clientId", lender));
    var refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.credence.common.problem.ProblemException.class,
            () -> consents.approve(DAVE, pending.id, DAVE));
    assertEquals("invalid-consent-terms", refused.type().slug());
    assertEquals(
        dev.credence.common.events.ConsentStatus.PENDING,
        consents.ownConsent(DAVE, pending.id).status);
  }

  @Test
  @TestSecurity(user = "other-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "other-lender"))
  void anotherLenderSeesNoneOfTheFirstLendersRequests() {
    var consent =
        consents.request(
            "demo-lender",
            dev.credence.common.events.IdentifierType.NATIONAL_ID,
            "DAVE-TEST-0004",
            new dev.credence.consent.domain.ConsentTerms(
                "demo-lender",
                dev.credence.common.events.ConsentDirection.DISCLOSE,
                dev.credence.common.events.Purpose.CREDIT_APPLICATION,
                java.util.Set.of(dev.credence.common.events.DataCategory.TRADELINE),
                null,
                null,
                null));
    given()
        .get("/v1/consent-requests")
        .then()
        .statusCode(200)
        .body("id", not(hasItem(consent.id.toString())));
    given()
        .get("/v1/consent-requests/" + consent.id)
        .then()
        .statusCode(404)
        .body("type", endsWith("/consent-not-found"));
  }
}
