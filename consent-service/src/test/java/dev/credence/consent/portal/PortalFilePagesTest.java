package dev.credence.consent.portal;

import static dev.credence.consent.portal.PortalPagesTest.csrfFrom;
import static dev.credence.consent.portal.PortalPagesTest.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.EventCodec;
import dev.credence.consent.client.Downstream;
import dev.credence.consent.domain.ErasureStatement;
import dev.credence.consent.model.Consent;
import dev.credence.consent.model.Dispute;
import dev.credence.consent.model.ErasureRequest;
import dev.credence.consent.rest.DisputeTest;
import dev.credence.consent.service.ConsentService;
import dev.credence.consent.service.SubjectService;
import dev.credence.consent.support.Terms;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The portal's "My file" (score, records, disputes) and erasure pages against PostgreSQL, with
 * ingestion's and scoring's answers given by the test ({@link Downstream}); the browser suite runs
 * them against the real services (e2e-tests, PortalBrowserIT).
 */
@QuarkusTest
class PortalFilePagesTest {
  static final String XENA = "03e7a000-0000-4000-8000-000000000201";
  static final String YURI = "03e7a000-0000-4000-8000-000000000202";
  static final String ZOE = "03e7a000-0000-4000-8000-000000000203";
  static final String WREN = "03e7a000-0000-4000-8000-000000000204";
  static final UUID CARD = UUID.fromString("0ca4d000-0000-4000-8000-000000000201");
  static final UUID LOAN = UUID.fromString("010a4000-0000-4000-8000-000000000201");

  @Inject SubjectService subjects;
  @Inject ConsentService consents;

  /** ingestion holds an active card and a superseded loan; scoring answers a score of 640. */
  static Downstream holding() {
    return new Downstream() {
      @Override
      public Section records() {
        return Section.of(
            json(
                "[{'recordId':'"
                    + CARD
                    + "','furnisherId':'acme-bank','category':'TRADELINE','reportedOn':'2026-11-01',"
                    + "'status':'ACTIVE','data':{'accountType':'REVOLVING','creditLimit':1000,"
                    + "'currentBalance':850}},"
                    + "{'recordId':'"
                    + LOAN
                    + "','furnisherId':'acme-bank','category':'TRADELINE','reportedOn':'2026-10-01',"
                    + "'status':'SUPERSEDED','data':{'accountType':'INSTALMENT'}}]"));
      }

      @Override
      public Section score() {
        return Section.of(
            json(
                "{'outcome':'SCORED','score':640,'band':'FAIR','scaleMin':300,'scaleMax':850,"
                    + "'keyFactors':[{'code':'UTIL_HIGH','text':'Revolving balances are high"
                    + " relative to limits','pointsLost':41}],"
                    + "'whatIf':{'targetPoints':20,'reachable':true,'projectedScore':676,"
                    + "'changes':[{'feature':'hard_inquiries_12m','reasonText':'Hard inquiries',"
                    + "'from':2,'target':'below 1','pointsGained':36,'lever':'TIME',"
                    + "'reachedOn':'2027-06-30'}]},"
                    + "'whatIfNow':{'targetPoints':20,'reachable':true,'projectedScore':662,"
                    + "'changes':[{'feature':'revolving_utilisation','reasonText':'Revolving"
                    + " utilisation','from':85,'target':'below 50','pointsGained':22,"
                    + "'howToChange':'Pay down card balances'},"
                    + "{'feature':'open_accounts','reasonText':'Number of open accounts',"
                    + "'from':1,'target':'at least 2','pointsGained':9,'hardInquiriesAdded':1},"
                    + "{'feature':'open_accounts','reasonText':'Number of open accounts',"
                    + "'from':9,'target':'below 8','pointsGained':11,'accountsClosed':1}]},"
                    + "'model':{'id':'person-synthetic','version':'1'},'dataAsOf':'2026-11-28'}"));
      }
    };
  }

  static JsonNode json(String text) {
    try {
      return EventCodec.mapper().readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static long disputes(String subjectId) {
    return QuarkusTransaction.requiringNew().call(() -> Dispute.count("subjectId", subjectId));
  }

  @Test
  @TestSecurity(user = "xena", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = XENA))
  void myFileShowsMyScoreAndRecordsAndADisputeOpenedThereIsStoredAndShown() {
    QuarkusMock.installMockForType(holding(), Downstream.class);
    subjects.enrolPerson(XENA, "xena-sub", "XENA-PORTAL-0201");

    given()
        .get("/portal/file")
        .then()
        .statusCode(200)
        .body(containsString("<strong>640</strong> on a scale of 300 to 850"))
        .body(containsString("Revolving balances are high relative to limits"))
        .body(containsString("Revolving utilisation from 85 to below 50: +22 points"))
        .body(
            containsString(
                "Number of open accounts from 1 to at least 2: +9 points <span class=\"muted\">"
                    + "(after the hard inquiry that applying for it adds)</span>"))
        .body(
            containsString(
                "Number of open accounts from 9 to below 8: +11 points <span class=\"muted\">"
                    + "(closing an account that changes nothing else in your score, such as a"
                    + " paid-off loan; closing a credit card would raise your utilisation)</span>"))
        .body(containsString("Your score would then be 662."))
        .body(containsString("What time alone will change"))
        .body(containsString("Hard inquiries from 2 to below 1: +36 points on 2027-06-30"))
        .body(containsString("accountType: REVOLVING · creditLimit: 1000 · currentBalance: 850"))
        // the active card can be disputed, the superseded loan cannot
        .body(containsString("name=\"recordId\" value=\"" + CARD + "\""))
        .body(not(containsString("name=\"recordId\" value=\"" + LOAN + "\"")))
        .body(containsString("You have not disputed any record."))
        .body(containsString("<a href=\"/portal/file\">My score and records</a>"));

    var csrf = csrfFrom("/portal/file");
    post("/portal/disputes", csrf, "recordId", CARD.toString(), "reason", "   ")
        .then()
        .statusCode(422)
        .body(containsString("Say what is wrong with the record"));
    post("/portal/disputes", csrf, "recordId", "no-such-record", "reason", "wrong")
        .then()
        .statusCode(422)
        .body(containsString("Choose the record to dispute"));
    assertEquals(0, disputes(XENA), "nothing stored for a refused form");

    post("/portal/disputes", csrf, "recordId", CARD.toString(), "reason", "I paid it off in May")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/portal/file?done=disputed"));
    Dispute stored =
        QuarkusTransaction.requiringNew()
            .call(() -> Dispute.<Dispute>find("subjectId", XENA).singleResult());
    assertEquals(CARD, stored.recordId);
    assertEquals("I paid it off in May", stored.reason);
    assertEquals("acme-bank", stored.furnisherId);

    given()
        .get("/portal/file?done=disputed")
        .then()
        .statusCode(200)
        .body(containsString("Dispute opened."))
        .body(containsString("id=\"dispute-" + stored.id + "\" data-status=\"OPEN\""))
        .body(containsString("Your reason: “I paid it off in May”"))
        // the form is gone: ingestion does not know the dispute yet, the page does
        .body(not(containsString("name=\"recordId\" value=\"" + CARD + "\"")));

    post("/portal/disputes", csrf, "recordId", CARD.toString(), "reason", "again")
        .then()
        .statusCode(409)
        .body(containsString("already open"));
    assertEquals(1, disputes(XENA));
  }

  @Test
  @TestSecurity(user = "yuri", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = YURI))
  void aRecordThatIsNotMineCannotBeDisputedAndWithoutTheOtherServicesNothingIsStored() {
    QuarkusMock.installMockForType(holding(), Downstream.class);
    subjects.enrolPerson(YURI, "yuri-sub", null);
    var csrf = csrfFrom("/portal/file");
    post("/portal/disputes", csrf, "recordId", UUID.randomUUID().toString(), "reason", "not mine")
        .then()
        .statusCode(404);

    QuarkusMock.installMockForType(DisputeTest.down(), Downstream.class);
    given()
        .get("/portal/file")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "Your score cannot be shown right now (scoring-service could not be reached"))
        .body(containsString("Your records cannot be shown right now (ingestion-service could not"))
        .body(containsString("You have not disputed any record."));
    post("/portal/disputes", csrf, "recordId", CARD.toString(), "reason", "wrong")
        .then()
        .statusCode(503)
        .body(containsString("nothing was stored"));
    assertEquals(0, disputes(YURI));
  }

  @Test
  @TestSecurity(user = "zoe", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = ZOE))
  void erasureShowsWhatIsErasedAndKeptAndNeedsTheConfirmationBox() {
    subjects.enrolPerson(ZOE, "zoe-sub", "ZOE-PORTAL-0203");
    Consent consent = consents.grant(ZOE, Terms.demoLenderCreditApplication(), ZOE);

    given()
        .get("/portal/erasure")
        .then()
        .statusCode(200)
        .body(containsString(ErasureStatement.KEPT.get(0).what()))
        .body(containsString("id=\"erasure-form\""))
        .body(containsString("<a href=\"/portal/erasure\">Erase my data</a>"));

    var csrf = csrfFrom("/portal/erasure");
    post("/portal/erasure", csrf).then().statusCode(422).body(containsString("Tick the box"));
    assertEquals(0, requests(ZOE), "nothing happens without the confirmation");
    assertEquals(ConsentStatus.ACTIVE, status(consent.id));

    post("/portal/erasure", csrf, "confirm", "yes")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/portal/erasure?done=erased"));
    assertEquals(1, requests(ZOE));
    assertEquals(ConsentStatus.REVOKED, status(consent.id));

    given()
        .get("/portal/erasure?done=erased")
        .then()
        .statusCode(200)
        .body(containsString("Erasure requested."))
        .body(containsString("id=\"erasure-requests\""))
        .body(not(containsString("id=\"erasure-form\"")));
  }

  @Test
  @TestSecurity(user = "wren", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = WREN))
  void beforeEnrolmentBothPagesSendMeToEnrol() {
    for (String page : new String[] {"/portal/file", "/portal/erasure"}) {
      given()
          .redirects()
          .follow(false)
          .get(page)
          .then()
          .statusCode(303)
          .header("Location", endsWith("/portal/enrol"));
    }
  }

  private static long requests(String subjectId) {
    return QuarkusTransaction.requiringNew()
        .call(() -> ErasureRequest.count("subjectId", subjectId));
  }

  private static ConsentStatus status(UUID consentId) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Consent.<Consent>findById(consentId).status);
  }
}
