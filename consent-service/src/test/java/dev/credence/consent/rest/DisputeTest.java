package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.common.events.DisputeStatus;
import dev.credence.common.events.DisputeUpdated;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.problem.ProblemException;
import dev.credence.consent.client.Downstream;
import dev.credence.consent.domain.OrganisationRegistration;
import dev.credence.consent.messaging.RecordEventsConsumer;
import dev.credence.consent.service.DisputeService;
import dev.credence.consent.service.OrganisationService;
import dev.credence.consent.service.SubjectService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disputes: the record is checked against ingestion (stubbed here), stored, forwarded, followed.
 */
@QuarkusTest
public class DisputeTest {
  static final String GRACE = "06ace000-0000-4000-8000-000000000007";
  static final String HEIDI = "0he1d100-0000-4000-8000-000000000008";
  static final String PROBLEM = "application/problem+json";

  @Inject SubjectService subjects;
  @Inject RecordEventsConsumer consumer;
  @Inject DisputeService disputes;
  @Inject OrganisationService organisations;
  @Inject EntityManager em;

  final UUID heldRecord = UUID.randomUUID();

  /** ingestion as a stub: the caller holds exactly one record from acme-bank. */
  static Downstream holding(UUID recordId) {
    return new Downstream() {
      @Override
      public Section records() {
        JsonNode records =
            EventCodec.mapper()
                .createArrayNode()
                .add(
                    EventCodec.mapper()
                        .createObjectNode()
                        .put("recordId", recordId.toString())
                        .put("furnisherId", "acme-bank")
                        .put("category", "TRADELINE")
                        .put("status", "ACTIVE"));
        return Section.of(records);
      }

      @Override
      public Section score() {
        return Section.unavailable("not used here");
      }
    };
  }

  /** ingestion and scoring both unreachable (also used by the portal's page tests). */
  public static Downstream down() {
    return new Downstream() {
      @Override
      public Section records() {
        return Section.unavailable("ingestion-service could not be reached (ConnectException)");
      }

      @Override
      public Section score() {
        return Section.unavailable("scoring-service could not be reached (ConnectException)");
      }
    };
  }

  @BeforeEach
  void setUp() {
    subjects.enrolPerson(GRACE, "grace-sub", null);
    subjects.enrolPerson(HEIDI, "heidi-sub", null);
    QuarkusMock.installMockForType(holding(heldRecord), Downstream.class);
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

  private static String open(UUID recordId) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"recordId\":\"" + recordId + "\",\"reason\":\"I never had this account\"}")
        .post("/v1/disputes")
        .then()
        .statusCode(201)
        .body("status", equalTo("OPEN"))
        .extract()
        .path("id");
  }

  private static EventEnvelope updated(
      String disputeId, long sequence, DisputeStatus status, UUID recordId) {
    return EventCodec.envelope(
        Events.DISPUTE_UPDATED,
        GRACE,
        "ingestion-service",
        new DisputeUpdated(
            UUID.fromString(disputeId),
            sequence,
            GRACE,
            recordId,
            "acme-bank",
            status,
            Instant.parse("2026-12-01T10:00:00Z").plusSeconds(sequence)),
        Instant.now());
  }

  @Test
  @TestSecurity(user = "grace", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = GRACE))
  void aPersonDisputesHerRecordAndTheDisputeIsForwardedToIngestion() {
    String id = open(heldRecord);
    given()
        .get("/v1/disputes/" + id)
        .then()
        .statusCode(200)
        .body("recordId", equalTo(heldRecord.toString()))
        .body("furnisherId", equalTo("acme-bank"))
        .body("recordChecked", equalTo(true));
    given().get("/v1/disputes").then().statusCode(200).body("id", hasItem(id));
    assertEquals(
        1,
        count(
            "select count(*) from outbox_event where type = 'dispute.opened'"
                + " and topic = 'credence.consent.v1.test' and message_key = ?1"
                + " and payload->'payload'->>'disputeId' = ?2"
                + " and payload->'payload'->>'recordId' = ?3",
            GRACE,
            id,
            heldRecord.toString()));

    given()
        .contentType(ContentType.JSON)
        .body("{\"recordId\":\"" + heldRecord + "\",\"reason\":\"again\"}")
        .post("/v1/disputes")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("type", endsWith("/dispute-already-open"));
  }

  @Test
  @TestSecurity(user = "grace", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = GRACE))
  void aRecordNotHeldAboutTheCallerOrAnUnreachableIngestionStoresNothing() {
    long before = count("select count(*) from dispute");
    UUID someoneElses = UUID.randomUUID();
    given()
        .contentType(ContentType.JSON)
        .body("{\"recordId\":\"" + someoneElses + "\",\"reason\":\"not mine\"}")
        .post("/v1/disputes")
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", endsWith("/record-not-held"));

    QuarkusMock.installMockForType(down(), Downstream.class);
    given()
        .contentType(ContentType.JSON)
        .body("{\"recordId\":\"" + heldRecord + "\",\"reason\":\"wrong balance\"}")
        .post("/v1/disputes")
        .then()
        .statusCode(503)
        .contentType(PROBLEM)
        .body("type", endsWith("/records-unavailable"));

    given()
        .contentType(ContentType.JSON)
        .body("{\"recordId\":\"not-a-uuid\",\"reason\":\"x\"}")
        .post("/v1/disputes")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .contentType(ContentType.JSON)
        .body("{\"recordId\":\"" + heldRecord + "\",\"reason\":\" \"}")
        .post("/v1/disputes")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", endsWith("/validation-failed"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"recordId\":")
        .post("/v1/disputes")
        .then()
        .statusCode(400)
        .body("type", endsWith("/malformed-request"));
    assertEquals(before, count("select count(*) from dispute"));
    assertEquals(
        0,
        count(
            "select count(*) from outbox_event where type = 'dispute.opened'"
                + " and payload->'payload'->>'recordId' = ?1",
            someoneElses.toString()));
  }

  @Test
  @TestSecurity(user = "grace", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = GRACE))
  void ingestionsStepsShowHighestSequenceWinsAndReplaysChangeNothing() {
    String id = open(heldRecord);
    EventEnvelope verified = updated(id, 2, DisputeStatus.VERIFIED, heldRecord);
    assertTrue(consumer.handle(verified));
    assertFalse(consumer.handle(verified), "a duplicated event changes nothing");
    assertFalse(
        consumer.handle(updated(id, 1, DisputeStatus.OPEN, heldRecord)),
        "a late, lower sequence changes nothing");
    given()
        .get("/v1/disputes/" + id)
        .then()
        .body("status", equalTo("VERIFIED"))
        .body("statusChangedAt", equalTo("2026-12-01T10:00:02Z"));
    assertTrue(consumer.handle(updated(id, 3, DisputeStatus.CORRECTED, heldRecord)));
    given().get("/v1/disputes/" + id).then().body("status", equalTo("CORRECTED"));
    assertFalse(
        consumer.handle(updated(UUID.randomUUID().toString(), 1, DisputeStatus.OPEN, heldRecord)),
        "a dispute not opened here is ignored");
    // an update naming no dispute is poison (dead-lettered), never a failure that stops the channel
    EventEnvelope nameless =
        EventCodec.envelope(
            Events.DISPUTE_UPDATED,
            GRACE,
            "ingestion-service",
            new DisputeUpdated(
                null, 4, GRACE, heldRecord, "acme-bank", DisputeStatus.DELETED, Instant.now()),
            Instant.now());
    assertThrows(
        dev.credence.common.events.PoisonEventException.class, () -> consumer.handle(nameless));
    given().get("/v1/disputes/" + id).then().body("status", equalTo("CORRECTED"));
  }

  @Test
  @TestSecurity(user = "grace", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = GRACE))
  void aDisputeFollowsItsRecordToTheVersionTheFurnisherSentSinceAndStaysTheOnlyOpenOne() {
    UUID record = UUID.randomUUID();
    QuarkusMock.installMockForType(holding(record), Downstream.class);
    String id = open(record);
    UUID updatedVersion = UUID.randomUUID();
    // ingestion: a routine update arrived while the dispute was open; it stays OPEN on the new one
    assertTrue(consumer.handle(updated(id, 2, DisputeStatus.OPEN, updatedVersion)));
    given()
        .get("/v1/disputes/" + id)
        .then()
        .body("status", equalTo("OPEN"))
        .body("recordId", equalTo(record.toString()))
        .body("currentRecordId", equalTo(updatedVersion.toString()));
    // a dispute over the new version is the same dispute, already open
    ProblemException again =
        assertThrows(
            ProblemException.class,
            () -> disputes.store(GRACE, GRACE, updatedVersion, "again", true, "acme-bank"));
    assertEquals("dispute-already-open", again.type().slug());
    QuarkusMock.installMockForType(holding(heldRecord), Downstream.class);
  }

  @Test
  @TestSecurity(user = "heidi", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = HEIDI))
  void aPersonNeverSeesAnotherPersonsDispute() {
    String gracesDispute =
        disputes
            .store(GRACE, GRACE, UUID.randomUUID(), "not mine", true, "acme-bank")
            .id
            .toString();
    given()
        .get("/v1/disputes/" + gracesDispute)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", endsWith("/dispute-not-found"));
    given().get("/v1/disputes").then().statusCode(200).body("subjectId", not(hasItem(GRACE)));
  }

  @Test
  @TestSecurity(user = "olga", roles = "officer")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = OrganisationTest.OLGA))
  void anOfficerDisputesForHerOrganisationAndIngestionChecksTheRecord() {
    QuarkusMock.installMockForType(down(), Downstream.class);
    String org =
        organisations.register(
                new OrganisationRegistration(
                    "Disputing Ltd", "NL", null, OrganisationTest.newLei()),
                "op")
            .subjectId;
    organisations.link(org, OrganisationTest.OLGA, "op");
    String id =
        given()
            .header(ActingSubject.HEADER, org)
            .contentType(ContentType.JSON)
            .body("{\"recordId\":\"" + heldRecord + "\",\"reason\":\"penalty was annulled\"}")
            .post("/v1/disputes")
            .then()
            .statusCode(201)
            .body("subjectId", equalTo(org))
            .body("openedBy", equalTo(OrganisationTest.OLGA))
            .body("recordChecked", equalTo(false))
            .extract()
            .path("id");
    given().header(ActingSubject.HEADER, org).get("/v1/disputes").then().body("id", hasItem(id));
    given().get("/v1/disputes").then().statusCode(400);

    // ingestion finds no active record of the organisation under that id: the dispute is closed
    // as REJECTED, not left OPEN
    assertTrue(
        consumer.handle(
            EventCodec.envelope(
                Events.DISPUTE_UPDATED,
                org,
                "ingestion-service",
                new DisputeUpdated(
                    UUID.fromString(id),
                    1,
                    org,
                    heldRecord,
                    null,
                    DisputeStatus.REJECTED,
                    Instant.parse("2026-12-01T10:00:00Z")),
                Instant.now())));
    given()
        .header(ActingSubject.HEADER, org)
        .get("/v1/disputes")
        .then()
        .body("find { it.id == '" + id + "' }.status", equalTo("REJECTED"));
  }
}
