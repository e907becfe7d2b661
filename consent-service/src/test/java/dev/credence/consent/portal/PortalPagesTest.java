package dev.credence.consent.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.DataCategory;
import dev.credence.common.events.DisclosureRecorded;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Events;
import dev.credence.common.events.IdentifierType;
import dev.credence.common.events.Purpose;
import dev.credence.consent.client.Downstream;
import dev.credence.consent.domain.ConsentTerms;
import dev.credence.consent.messaging.DisclosureEventsConsumer;
import dev.credence.consent.model.Consent;
import dev.credence.consent.rest.ExportTest;
import dev.credence.consent.service.ConsentService;
import dev.credence.consent.service.SubjectService;
import dev.credence.consent.support.Terms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The portal's pages rendered by the real application against PostgreSQL. The OIDC tenants are
 * disabled in tests; {@code @TestSecurity} stands in for the browser session, with the same {@code
 * subject_id} claim Keycloak puts in the ID token. CSRF is enforced as in production.
 */
@QuarkusTest
class PortalPagesTest {
  static final String PAM = "0ba70000-0000-4000-8000-000000000101";
  static final String QUINN = "0c0170e0-0000-4000-8000-000000000102";
  static final String RITA = "0d17a000-0000-4000-8000-000000000103";
  static final String SAM = "0e5a0000-0000-4000-8000-000000000104";
  static final String TOM = "0f70e000-0000-4000-8000-000000000105";
  static final String UMA = "01a00000-0000-4000-8000-000000000106";
  static final String VERA = "02e7a000-0000-4000-8000-000000000107";
  static final String WES = "03e50000-0000-4000-8000-000000000203";
  static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

  @Inject SubjectService subjects;
  @Inject ConsentService consents;
  @Inject DisclosureEventsConsumer disclosures;

  /** The hidden form token of a page that renders forms. */
  record Csrf(String field) {}

  static Csrf csrfFrom(String path) {
    Response page = given().redirects().follow(false).get(path);
    assertEquals(200, page.statusCode(), "GET " + path);
    Matcher m = CSRF_FIELD.matcher(page.asString());
    assertTrue(m.find(), "the page renders a CSRF field");
    return new Csrf(m.group(1));
  }

  static Response post(String path, Csrf csrf, Object... formPairs) {
    var request =
        given()
            .redirects()
            .follow(false)
            .contentType("application/x-www-form-urlencoded")
            .formParam("csrf-token", csrf.field());
    for (int i = 0; i < formPairs.length; i += 2) {
      request = request.formParam((String) formPairs[i], formPairs[i + 1]);
    }
    return request.post(path);
  }

  private long consentsOf(String subjectId) {
    return QuarkusTransaction.requiringNew().call(() -> Consent.count("subjectId", subjectId));
  }

  static final String WALT = "02e7a000-0000-4000-8000-0000000001ee";

  @Test
  @TestSecurity(user = "walt", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = WALT))
  void theNavigationOffersTheDataExportAsADownloadOfTheWholeDocument() {
    QuarkusMock.installMockForType(ExportTest.answering(), Downstream.class);
    given()
        .redirects()
        .follow(false)
        .get("/portal/export")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/portal/enrol"));
    subjects.enrolPerson(WALT, "walt-sub", "WALT-PORTAL-0303");

    given()
        .get("/portal/")
        .then()
        .statusCode(200)
        .body(containsString("<a href=\"/portal/export\" download>Download my data</a>"));
    given()
        .get("/portal/export")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/json"))
        .header("Content-Disposition", startsWith("attachment; filename=\"credence-export-"))
        .header(
            "Cache-Control", "no-store") // the whole file, never left in a shared browser's cache
        .body(not(containsString("WALT-PORTAL-0303")))
        .body("format", equalTo("credence-export/1"))
        .body("subject.subjectId", equalTo(WALT))
        .body("records.available", equalTo(true))
        .body("score.available", equalTo(true));
  }

  @Test
  @TestSecurity(user = "pam", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = PAM))
  void aNewPersonIsSentToEnrolmentAndEnrolsThroughTheForm() {
    given()
        .redirects()
        .follow(false)
        .get("/portal/")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/portal/enrol"));

    Csrf csrf = csrfFrom("/portal/enrol");
    given()
        .get("/portal/enrol")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .header("Content-Security-Policy", containsString("default-src 'none'"))
        .body(containsString("<h1>Welcome to Credence</h1>"))
        .body(containsString("<label for=\"nationalId\">"))
        .body(containsString("<main id=\"main\""));

    post("/portal/enrol", csrf, "nationalId", "PAM-PORTAL-0101")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/portal/?done=enrolled"));

    assertTrue(subjects.find(PAM).isPresent());
    assertTrue(
        subjects.findByIdentifier(IdentifierType.NATIONAL_ID, "PAM-PORTAL-0101").isPresent(),
        "the national id is matched through its keyed hash");
    given()
        .get("/portal/?done=enrolled")
        .then()
        .statusCode(200)
        .body(containsString("You are enrolled"))
        .body(containsString("No consent is active"));
  }

  @Test
  @TestSecurity(user = "quinn", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = QUINN))
  void formPostsWithoutAValidCsrfTokenAreRefusedAndChangeNothing() {
    subjects.enrolPerson(QUINN, "quinn-sub", null);
    Csrf csrf = csrfFrom("/portal/grant");

    // no token at all, on every form of the portal
    for (String path :
        List.of(
            "/portal/enrol",
            "/portal/grant",
            "/portal/consent/revoke",
            "/portal/consent/approve",
            "/portal/consent/reject",
            "/portal/disputes",
            "/portal/erasure")) {
      given()
          .redirects()
          .follow(false)
          .contentType("application/x-www-form-urlencoded")
          .formParam("granteeId", "demo-lender")
          .formParam("direction", "DISCLOSE")
          .formParam("purpose", "CREDIT_APPLICATION")
          .formParam("categories", "TRADELINE")
          .formParam("consentId", UUID.randomUUID().toString())
          .formParam("recordId", UUID.randomUUID().toString())
          .formParam("reason", "wrong balance")
          .formParam("confirm", "yes")
          .post(path)
          .then()
          .statusCode(403)
          .contentType(startsWith("text/html"))
          .body(containsString("Form token missing or invalid"));
    }
    // a forged token (as a cross-site form would send)
    post(
            "/portal/grant",
            new Csrf("forged-" + csrf.field()),
            "granteeId",
            "demo-lender",
            "direction",
            "DISCLOSE",
            "purpose",
            "CREDIT_APPLICATION",
            "categories",
            "TRADELINE")
        .then()
        .statusCode(403);
    // another person's token does not work either
    post(
            "/portal/grant",
            new Csrf(PortalCsrf.token(new byte[32], PAM, "")),
            "granteeId",
            "demo-lender",
            "direction",
            "DISCLOSE",
            "purpose",
            "CREDIT_APPLICATION",
            "categories",
            "TRADELINE")
        .then()
        .statusCode(403);
    assertEquals(0, consentsOf(QUINN), "nothing stored");

    // the same form with the page's token works
    post(
            "/portal/grant",
            csrf,
            "granteeId",
            "demo-lender",
            "direction",
            "DISCLOSE",
            "purpose",
            "CREDIT_APPLICATION",
            "categories",
            "TRADELINE")
        .then()
        .statusCode(303);
    assertEquals(1, consentsOf(QUINN));
  }

  @Test
  @TestSecurity(user = "rita", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = RITA))
  void invalidGrantFormShowsEachErrorNextToItsFieldAndStoresNothing() {
    subjects.enrolPerson(RITA, "rita-sub", null);
    Csrf csrf = csrfFrom("/portal/grant");

    String page =
        post(
                "/portal/grant",
                csrf,
                "granteeId",
                "",
                "direction",
                "COLLECT",
                "purpose",
                "CREDIT_APPLICATION",
                "expiresOn",
                "2001-01-01",
                "usageLimit",
                "zero")
            .then()
            .statusCode(422)
            .contentType(startsWith("text/html"))
            .extract()
            .asString();

    assertTrue(page.contains("id=\"granteeId-error\">Grantee must name the lender"), page);
    assertTrue(page.contains("id=\"purpose-error\">Purpose purpose CREDIT_APPLICATION belongs"));
    assertTrue(page.contains("id=\"categories-error\">Categories must name at least one"));
    assertTrue(page.contains("id=\"expiresAt-error\">Expiry must be in the future"));
    assertTrue(page.contains("id=\"usageLimit-error\">Usage limit must be a whole number"));
    assertTrue(page.contains("aria-invalid=\"true\""));
    assertTrue(page.contains("role=\"alert\""), "an error summary is announced");
    // what the person typed is kept
    assertTrue(
        page.contains("id=\"direction-COLLECT\" name=\"direction\" value=\"COLLECT\" checked"));
    assertTrue(page.contains("value=\"2001-01-01\""));
    assertEquals(0, consentsOf(RITA), "nothing stored");
  }

  @Test
  @TestSecurity(user = "rita", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = RITA))
  void theGrantFormOffersTheRegisteredGranteesAndRefusesAnyOtherNextToTheField() {
    subjects.enrolPerson(RITA, "rita-sub", null);
    String form = given().get("/portal/grant").then().statusCode(200).extract().asString();
    assertTrue(form.contains("list=\"registered-grantees\""), form);
    assertTrue(form.contains("<option value=\"demo-lender\">Demo Bank (lender)</option>"), form);
    assertTrue(
        form.contains("<option value=\"demo-furnisher\">Demo Cards (data furnisher)</option>"));

    String page =
        post(
                "/portal/grant",
                csrfFrom("/portal/grant"),
                "granteeId",
                "demo-lendr",
                "direction",
                "DISCLOSE",
                "purpose",
                "CREDIT_APPLICATION",
                "categories",
                "TRADELINE")
            .then()
            .statusCode(422)
            .contentType(startsWith("text/html"))
            .extract()
            .asString();
    assertTrue(
        page.contains(
            "id=\"granteeId-error\">Grantee is not a lender or data furnisher registered with"
                + " Credence"),
        page);
    assertTrue(page.contains("value=\"demo-lendr\""), "what the person typed is kept");
    assertEquals(0, consentsOf(RITA), "nothing stored");
  }

  @Test
  @TestSecurity(user = "sam", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = SAM))
  void grantShowsActiveWithReceiptThenRevokeShowsRevokedWithBothReceipts() {
    subjects.enrolPerson(SAM, "sam-sub", null);
    Csrf csrf = csrfFrom("/portal/grant");
    String expiry = LocalDate.now(ZoneOffset.UTC).plusMonths(6).toString();

    String location =
        post(
                "/portal/grant",
                csrf,
                "granteeId",
                "demo-lender",
                "direction",
                "DISCLOSE",
                "purpose",
                "ACCOUNT_REVIEW",
                "categories",
                "TRADELINE",
                "categories",
                "PAYMENT",
                "expiresOn",
                expiry,
                "usageLimit",
                "3")
            .then()
            .statusCode(303)
            .header("Location", matchesPattern(".*/portal/consent\\?id=[0-9a-f-]{36}&done=granted"))
            .extract()
            .header("Location");
    String id = location.replaceAll(".*id=([0-9a-f-]{36}).*", "$1");

    String detail = given().get("/portal/consent?id=" + id + "&done=granted").asString();
    assertTrue(detail.contains("id=\"consent-status\">ACTIVE<"), detail);
    assertTrue(detail.contains("Review an existing credit account"), "purpose text");
    assertTrue(detail.contains("PAYMENT, TRADELINE"));
    assertTrue(detail.contains("end of " + expiry));
    assertTrue(detail.contains("0 disclosures of at most 3"));
    assertTrue(detail.contains("Consent granted."));
    Matcher receipt = Pattern.compile("href=\"/portal/receipts/([0-9a-f-]{36})\"").matcher(detail);
    assertTrue(receipt.find(), "a grant receipt is offered");
    String jws =
        given()
            .get("/portal/receipts/" + receipt.group(1))
            .then()
            .statusCode(200)
            .contentType(startsWith("application/jose"))
            .header("Content-Disposition", containsString("attachment"))
            .header("Cache-Control", "no-store")
            .extract()
            .asString();
    assertEquals(3, jws.split("\\.").length, "a compact JWS");

    given()
        .get("/portal/")
        .then()
        .statusCode(200)
        .body(containsString("id=\"consent-" + id + "\" data-status=\"ACTIVE\""))
        .body(containsString("Revoke the consent for Demo Bank"));

    Csrf dashboard = csrfFrom("/portal/");
    post("/portal/consent/revoke", dashboard, "consentId", id)
        .then()
        .statusCode(303)
        .header("Location", endsWith("/portal/?done=revoked"));

    given()
        .get("/portal/?done=revoked")
        .then()
        .statusCode(200)
        .body(containsString("Consent revoked."))
        .body(containsString("id=\"consent-" + id + "\" data-status=\"REVOKED\""))
        .body(not(containsString("id=\"consent-" + id + "\" data-status=\"ACTIVE\"")))
        .body(containsString("Active consents <span class=\"count\">(0)"));
    String after = given().get("/portal/consent?id=" + id).asString();
    assertTrue(after.contains("id=\"consent-status\">REVOKED<"));
    assertTrue(after.contains("Revocation receipt"));
    assertTrue(after.contains("revoked by the subject"), "the history says why");
    assertTrue(!after.contains("Revoke this consent"), "no revoke button on a revoked consent");
  }

  @Test
  @TestSecurity(user = "tom", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = TOM))
  void aLendersPendingRequestCanBeApprovedFromTheDashboard() {
    subjects.enrolPerson(TOM, "tom-sub", "TOM-PORTAL-0105");
    Consent request =
        consents.request(
            "demo-lender",
            IdentifierType.NATIONAL_ID,
            "TOM-PORTAL-0105",
            new ConsentTerms(
                null,
                null,
                Purpose.TENANT_SCREENING,
                EnumSet.of(DataCategory.TRADELINE),
                null,
                null,
                1));

    String dashboard = given().get("/portal/").asString();
    // the person is told who asks by name, with the address and telephone number it registered
    assertTrue(dashboard.contains("Demo Bank asks: Assess an application to rent a home"));
    assertTrue(
        dashboard.contains("Demo Bank plc, 1 Test Street, Test City, tel. +44 20 0000 0001"));
    assertTrue(dashboard.contains("id=\"consent-" + request.id + "\" data-status=\"PENDING\""));

    post("/portal/consent/approve", csrfFrom("/portal/"), "consentId", request.id)
        .then()
        .statusCode(303)
        .header("Location", endsWith("/portal/?done=approved"));
    given()
        .get("/portal/")
        .then()
        .body(containsString("id=\"consent-" + request.id + "\" data-status=\"ACTIVE\""))
        .body(containsString("Requests waiting for you <span class=\"count\">(0)"));

    // approving again is not possible: a page (not JSON) says why
    post("/portal/consent/approve", csrfFrom("/portal/"), "consentId", request.id)
        .then()
        .statusCode(409)
        .contentType(startsWith("text/html"))
        .body(containsString("cannot become ACTIVE"));
  }

  @Test
  @TestSecurity(user = "uma", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = UMA))
  void accessLogShowsWhoSawTheScoreAndTheChainStatus() {
    subjects.enrolPerson(UMA, "uma-sub", null);
    given()
        .get("/portal/access-log")
        .then()
        .statusCode(200)
        .body(containsString("Nobody has obtained your score."))
        .body(containsString("Chain verified."));

    UUID disclosureId = UUID.randomUUID();
    UUID consentId = UUID.randomUUID();
    assertTrue(
        disclosures.handle(
            EventCodec.envelope(
                Events.DISCLOSURE_RECORDED,
                UMA,
                "scoring-service",
                new DisclosureRecorded(
                    disclosureId,
                    UMA,
                    "other-lender",
                    Purpose.CREDIT_APPLICATION,
                    consentId,
                    "SCORED",
                    700,
                    "person-starter",
                    "1",
                    "cd34",
                    Instant.now().truncatedTo(ChronoUnit.MICROS)),
                Instant.now())));

    given()
        .get("/portal/access-log")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "<td>Other Lending Ltd<br><span class=\"muted\">2 Test Street, Test City, tel. +44 20 0000 0002</span></td>"))
        .body(containsString("<td>700 <span class=\"muted\">(model person-starter 1)</span></td>"))
        .body(containsString("Assess an application for credit"))
        .body(containsString("/portal/consent?id=" + consentId))
        .body(containsString("Chain verified."))
        .body(not(containsString("Nobody has obtained your score.")));

    // someone changes uma's entry in the database: her page says so
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                Consent.getEntityManager()
                    .createNativeQuery(
                        "update access_log_entry set lender_id = 'someone-else'"
                            + " where disclosure_id = ?1")
                    .setParameter(1, disclosureId)
                    .executeUpdate());
    try {
      given()
          .get("/portal/access-log")
          .then()
          .statusCode(200)
          .body(containsString("Chain broken."));
    } finally {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  Consent.getEntityManager()
                      .createNativeQuery(
                          "update access_log_entry set lender_id = 'other-lender'"
                              + " where disclosure_id = ?1")
                      .setParameter(1, disclosureId)
                      .executeUpdate());
    }
    given().get("/portal/access-log").then().body(containsString("Chain verified."));
  }

  @Test
  @TestSecurity(user = "wes", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = WES))
  void aLongAccessLogIsShownAPageAtATimeWithALinkToOlderEntries() {
    subjects.enrolPerson(WES, "wes-sub", null);
    List<DisclosureEventsConsumer.Received> batch = new java.util.ArrayList<>();
    for (int i = 0; i < 101; i++) {
      var event =
          EventCodec.envelope(
              Events.DISCLOSURE_RECORDED,
              WES,
              "scoring-service",
              new DisclosureRecorded(
                  UUID.randomUUID(),
                  WES,
                  i == 0 ? "oldest-lender" : "newer-lender",
                  Purpose.CREDIT_APPLICATION,
                  null,
                  "SCORED",
                  700,
                  "person-starter",
                  "1",
                  "ef56",
                  Instant.now().truncatedTo(ChronoUnit.MICROS)),
              Instant.now());
      batch.add(new DisclosureEventsConsumer.Received(EventCodec.write(event), event));
    }
    QuarkusTransaction.requiringNew().run(() -> disclosures.handleAll(batch));

    String first = given().get("/portal/access-log").then().statusCode(200).extract().asString();
    assertEquals(100, Pattern.compile("<td>newer-lender<br>").matcher(first).results().count());
    assertTrue(!first.contains("oldest-lender"), "the oldest entry is on the next page");
    Matcher older = Pattern.compile("href=\"(/portal/access-log\\?after=\\d+)\"").matcher(first);
    assertTrue(older.find(), "a link to the older entries");

    given()
        .get(older.group(1))
        .then()
        .statusCode(200)
        .body(containsString("<td>oldest-lender<br>"))
        .body(not(containsString("newer-lender")))
        .body(not(containsString("older-entries")));
  }

  @Test
  @TestSecurity(user = "uma", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = UMA))
  void anotherPersonsConsentIsNotFound() {
    subjects.enrolPerson(VERA, "vera-sub", null);
    Consent veras = consents.grant(VERA, Terms.demoLenderCreditApplication(), VERA);
    given()
        .get("/portal/consent?id=" + veras.id)
        .then()
        .statusCode(404)
        .contentType(startsWith("text/html"))
        .body(not(containsString("demo-lender")));
    given().get("/portal/consent?id=not-a-uuid").then().statusCode(404);
  }

  @Test
  @TestSecurity(user = "demo-lender", roles = "lender")
  void aLenderGetsAForbiddenPageNotThePortal() {
    given()
        .get("/portal/")
        .then()
        .statusCode(403)
        .contentType(startsWith("text/html"))
        .body(containsString("The portal is for individuals"));
  }

  @Test
  void anonymousBrowsersGetNoPageAndTheSignedOutPageIsPublic() {
    given().redirects().follow(false).get("/portal/").then().statusCode(equalTo(401));
    given()
        .get("/portal/signed-out")
        .then()
        .statusCode(200)
        .body(containsString("You are signed out"));
    given()
        .get("/portal/assets/portal.css")
        .then()
        .statusCode(200)
        .header("Cache-Control", not(equalTo("no-store"))); // nothing personal: may be cached
  }

  @Test
  void everyPortalResponseCarriesTheBrowserHardeningHeadersAndNoCorsGrant() {
    given()
        .header("Origin", "https://evil.example")
        .get("/portal/signed-out")
        .then()
        .statusCode(200)
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
        .header("Content-Security-Policy", containsString("form-action 'self'"))
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "same-origin")
        .header("Strict-Transport-Security", "max-age=31536000")
        .header("Access-Control-Allow-Origin", nullValue());
    // no CORS filter: a page of another origin may not read the API or the portal with a preflight
    for (String path : List.of("/v1/consents", "/portal/grant")) {
      given()
          .header("Origin", "https://evil.example")
          .header("Access-Control-Request-Method", "POST")
          .header("Access-Control-Request-Headers", "authorization,content-type")
          .options(path)
          .then()
          .header("Access-Control-Allow-Origin", nullValue())
          .header("Access-Control-Allow-Credentials", nullValue());
    }
  }
}
