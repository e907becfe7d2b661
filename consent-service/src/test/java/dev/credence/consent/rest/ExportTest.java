package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.common.events.DisclosureRecorded;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Events;
import dev.credence.common.events.Purpose;
import dev.credence.consent.client.Downstream;
import dev.credence.consent.messaging.DisclosureEventsConsumer;
import dev.credence.consent.service.ConsentService;
import dev.credence.consent.service.DisputeService;
import dev.credence.consent.service.SubjectService;
import dev.credence.consent.support.Terms;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data export: one document, other services stubbed, never a 500 when they are down. */
@QuarkusTest
public class ExportTest {
  static final String IVAN = "01fa0000-0000-4000-8000-000000000009";
  static final String IVANS_NATIONAL_ID = "IVAN-CLEAR-7788";

  @Inject SubjectService subjects;
  @Inject ConsentService consents;
  @Inject DisputeService disputes;
  @Inject DisclosureEventsConsumer disclosures;

  static volatile boolean prepared;
  static final UUID RECORD = UUID.randomUUID();
  static final UUID DISCLOSURE = UUID.randomUUID();

  @BeforeEach
  void ivanHasAFile() {
    if (prepared) {
      return;
    }
    subjects.enrolPerson(IVAN, "ivan-sub", IVANS_NATIONAL_ID);
    var consent = consents.grant(IVAN, Terms.demoLenderCreditApplication(), IVAN);
    consents.revoke(IVAN, consent.id, IVAN, "done with that loan");
    disclosures.handle(
        EventCodec.envelope(
            Events.DISCLOSURE_RECORDED,
            IVAN,
            "scoring-service",
            new DisclosureRecorded(
                DISCLOSURE,
                IVAN,
                "demo-lender",
                Purpose.CREDIT_APPLICATION,
                consent.id,
                "SCORED",
                700,
                "person-starter",
                "1",
                "ff00",
                Instant.now().truncatedTo(ChronoUnit.MICROS)),
            Instant.now()));
    disputes.store(IVAN, IVAN, RECORD, "balance is wrong", true, "acme-bank");
    prepared = true;
  }

  public static Downstream answering() {
    return new Downstream() {
      @Override
      public Section records() {
        return Section.of(
            EventCodec.mapper()
                .createArrayNode()
                .add(
                    EventCodec.mapper()
                        .createObjectNode()
                        .put("recordId", RECORD.toString())
                        .put("furnisherId", "acme-bank")
                        .put("category", "TRADELINE")
                        .put("disputeStatus", "OPEN")));
      }

      @Override
      public Section score() {
        JsonNode score =
            EventCodec.mapper().createObjectNode().put("score", 712).put("scale", "300-850");
        return Section.of(score);
      }
    };
  }

  @Test
  @TestSecurity(user = "ivan", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = IVAN))
  void theExportHoldsEverythingAboutThePersonAsOneDownloadableDocument() {
    QuarkusMock.installMockForType(answering(), Downstream.class);
    given()
        .get("/v1/me/export")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/json"))
        .header("Content-Disposition", startsWith("attachment; filename="))
        .body(not(containsString(IVANS_NATIONAL_ID)))
        .body("format", equalTo("credence-export/1"))
        .body("subject.subjectId", equalTo(IVAN))
        .body("subject.identifiers[0].type", equalTo("NATIONAL_ID"))
        .body("subject.identifiers[0].value", containsString("keyed hash"))
        .body("consents", hasSize(1))
        .body("consents[0].status", equalTo("REVOKED"))
        .body("consents[0].history.toStatus", equalTo(java.util.List.of("ACTIVE", "REVOKED")))
        .body("consents[0].receipts.kind", equalTo(java.util.List.of("GRANT", "REVOCATION")))
        .body("consents[0].receipts[0].jws", startsWith("ey"))
        .body("accessLog.disclosureId", hasItem(DISCLOSURE.toString()))
        .body("accessLog[0].score", equalTo(700))
        .body("accessLog[0].modelId", equalTo("person-starter"))
        .body("accessLog[0].snapshotHash", equalTo("ff00"))
        .body("accessLogCheckpoint.sequence", org.hamcrest.Matchers.greaterThan(0))
        .body("accessLogCheckpoint.jws", startsWith("ey"))
        .body("recipients.clientId", equalTo(java.util.List.of("demo-lender")))
        .body("recipients[0].registered", equalTo(true))
        .body("recipients[0].legalName", equalTo("Demo Bank plc"))
        .body("recipients[0].address", equalTo("1 Test Street, Test City"))
        .body("recipients[0].phone", equalTo("+44 20 0000 0001"))
        .body("disputes.recordId", hasItem(RECORD.toString()))
        .body("erasureRequests", hasSize(0))
        .body("records.available", equalTo(true))
        .body("records.items[0].recordId", equalTo(RECORD.toString()))
        .body("score.available", equalTo(true))
        .body("score.data.score", equalTo(712));
  }

  @Test
  @TestSecurity(user = "ivan", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = IVAN))
  void anUnavailableServiceMarksItsSectionAndTheExportStillReturns() {
    QuarkusMock.installMockForType(DisputeTest.down(), Downstream.class);
    given()
        .get("/v1/me/export")
        .then()
        .statusCode(200)
        .body("consents", hasSize(1))
        .body("records.available", equalTo(false))
        .body("records.reason", containsString("ingestion-service"))
        .body("score.available", equalTo(false))
        .body("score.reason", containsString("scoring-service"));
  }

  @Test
  @TestSecurity(user = "ivan", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = IVAN))
  void theRealClientsAgainstNoServiceStillGiveAnExport() {
    // no stub: the REST clients point at a port nobody listens on in %test
    given()
        .get("/v1/me/export")
        .then()
        .statusCode(200)
        .body("records.available", equalTo(false))
        .body("records.reason", containsString("could not be reached"));
  }

  @Test
  @TestSecurity(user = "nobody", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = "0n0b0d10-0000-4000-8000-000000000099"))
  void someoneNotEnrolledGetsAProblem() {
    given()
        .get("/v1/me/export")
        .then()
        .statusCode(409)
        .contentType(startsWith("application/problem+json"))
        .body("type", endsWith("/not-enrolled"));
  }
}
