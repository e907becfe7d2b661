package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.DisclosureRecorded;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.Purpose;
import dev.credence.common.testing.DatabaseOutage;
import dev.credence.consent.messaging.DisclosureEventsConsumer;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccessLogTest {
  static final String FRANK = "0f7a4c00-0000-4000-8000-000000000006";
  static final String GINA = "06a40000-0000-4000-8000-000000000201";
  static final Pattern NEXT = Pattern.compile("^<(/v1/access-log[^>]*)>; rel=\"next\"$");

  @Inject DisclosureEventsConsumer consumer;
  @Inject EntityManager em;
  @Inject AgroalDataSource dataSource;
  @Inject MeterRegistry meters;

  private static EventEnvelope disclosure(UUID id, String lender) {
    return disclosure(FRANK, id, lender);
  }

  private static EventEnvelope disclosure(String subjectId, UUID id, String lender) {
    return EventCodec.envelope(
        Events.DISCLOSURE_RECORDED,
        subjectId,
        "scoring-service",
        new DisclosureRecorded(
            id,
            subjectId,
            lender,
            Purpose.CREDIT_APPLICATION,
            UUID.randomUUID(),
            "SCORED",
            712,
            "person-starter",
            "1",
            "ab12",
            Instant.now().truncatedTo(ChronoUnit.MICROS)),
        Instant.now());
  }

  @Test
  @TestSecurity(user = "frank", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = FRANK))
  void aDisclosureAppearsOnceInTheSubjectsAccessLogEvenWhenRedelivered() {
    UUID id = UUID.randomUUID();
    EventEnvelope event = disclosure(id, "demo-lender");
    assertTrue(consumer.handle(event));
    assertFalse(consumer.handle(event), "a redelivered event changes nothing");

    given()
        .get("/v1/access-log")
        .then()
        .statusCode(200)
        .body("disclosureId", hasItem(id.toString()))
        .body("subjectId", everyItem(equalTo(FRANK)))
        .body("findAll { it.disclosureId == '" + id + "' }.size()", equalTo(1))
        .body("find { it.disclosureId == '" + id + "' }.lenderId", equalTo("demo-lender"))
        .body("find { it.disclosureId == '" + id + "' }.purpose", equalTo("CREDIT_APPLICATION"));
  }

  @Test
  @TestSecurity(user = "frank", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = FRANK))
  void anEntryNamesTheLenderWithItsAddressAndKeepsTheScoreItWasGiven() {
    UUID registered = UUID.randomUUID();
    UUID unregistered = UUID.randomUUID();
    consumer.handle(disclosure(registered, "demo-lender"));
    consumer.handle(disclosure(unregistered, "unlisted-lender"));
    String mine = "find { it.disclosureId == '" + registered + "' }.";
    String other = "find { it.disclosureId == '" + unregistered + "' }.";
    given()
        .get("/v1/access-log")
        .then()
        .statusCode(200)
        .body(mine + "lender.registered", equalTo(true))
        .body(mine + "lender.name", equalTo("Demo Bank"))
        .body(mine + "lender.legalName", equalTo("Demo Bank plc"))
        .body(mine + "lender.address", equalTo("1 Test Street, Test City"))
        .body(mine + "lender.phone", equalTo("+44 20 0000 0001"))
        .body(mine + "score", equalTo(712))
        .body(mine + "modelId", equalTo("person-starter"))
        .body(mine + "modelVersion", equalTo("1"))
        .body(mine + "snapshotHash", equalTo("ab12"))
        .body(mine + "contentVersion", equalTo(2))
        .body(other + "lender.registered", equalTo(false))
        .body(other + "lender.clientId", equalTo("unlisted-lender"))
        .body(other + "lender.name", equalTo(null));
  }

  /**
   * A batch goes in as one statement (docs/benchmarks.md, "The access log in one insert a batch"):
   * every field of every entry is stored as it came, absent ones as null, the entries follow the
   * tail in order, and the chain still verifies.
   */
  @Test
  @TestSecurity(user = "audrey", roles = "auditor")
  void aBatchIsStoredFieldForFieldInOrderAndItsChainVerifies() {
    Instant disclosedAt = Instant.parse("2026-11-30T22:20:38.123456Z");
    UUID consent = UUID.randomUUID();
    DisclosureRecorded full =
        new DisclosureRecorded(
            UUID.randomUUID(),
            "batch-subject",
            "demo-lender",
            Purpose.ACCOUNT_REVIEW,
            consent,
            "SCORED",
            641,
            "person-starter",
            "2",
            "cd34",
            disclosedAt);
    DisclosureRecorded bare =
        new DisclosureRecorded(
            UUID.randomUUID(),
            "batch-subject",
            "other-lender",
            Purpose.CREDIT_APPLICATION,
            null,
            "NO_SCORE",
            null,
            null,
            null,
            null,
            disclosedAt.plusMillis(1));
    List<DisclosureEventsConsumer.Received> batch = new ArrayList<>();
    for (DisclosureRecorded d : List.of(full, bare)) {
      EventEnvelope e =
          EventCodec.envelope(
              Events.DISCLOSURE_RECORDED, d.subjectId(), "scoring-service", d, Instant.now());
      batch.add(new DisclosureEventsConsumer.Received(EventCodec.write(e), e));
    }
    long tail =
        ((Number)
                QuarkusTransaction.requiringNew()
                    .call(
                        () ->
                            em.createNativeQuery(
                                    "select coalesce(max(sequence), 0) from access_log_entry")
                                .getSingleResult()))
            .longValue();
    assertEquals(2, QuarkusTransaction.requiringNew().call(() -> consumer.handleAll(batch)));

    List<?> rows =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createNativeQuery(
                            "select sequence, cast(disclosure_id as text), subject_id, lender_id,"
                                + " purpose, cast(consent_id as text), outcome,"
                                + " to_char(disclosed_at at time zone 'UTC',"
                                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), content_version, score,"
                                + " model_id, model_version, snapshot_hash, prev_hash, entry_hash,"
                                + " recorded_at is not null"
                                + " from access_log_entry where subject_id = 'batch-subject'"
                                + " order by sequence")
                        .getResultList());
    assertEquals(2, rows.size());
    Object[] a = (Object[]) rows.get(0);
    Object[] b = (Object[]) rows.get(1);
    assertEquals(tail + 1, ((Number) a[0]).longValue(), "the batch follows the tail");
    assertEquals(tail + 2, ((Number) b[0]).longValue());
    assertEquals(
        List.of(
            full.disclosureId().toString(),
            "batch-subject",
            "demo-lender",
            "ACCOUNT_REVIEW",
            consent.toString(),
            "SCORED",
            "2026-11-30T22:20:38.123456",
            2,
            641,
            "person-starter",
            "2",
            "cd34",
            true),
        List.of(
            a[1],
            a[2],
            a[3],
            a[4],
            a[5],
            a[6],
            a[7],
            ((Number) a[8]).intValue(),
            ((Number) a[9]).intValue(),
            a[10],
            a[11],
            a[12],
            a[15]));
    assertEquals(bare.disclosureId().toString(), b[1]);
    assertEquals("other-lender", b[3]);
    assertNull(b[5], "no consent id");
    assertNull(b[9], "no score");
    assertNull(b[10]);
    assertNull(b[11]);
    assertNull(b[12]);
    assertEquals(a[14], b[13], "the second entry links to the first");
    given().get("/v1/access-log/verify").then().statusCode(200).body("valid", equalTo(true));
  }

  @Test
  @TestSecurity(user = "audrey", roles = "auditor")
  void aChangedScoreBreaksTheChainAndSoDoesPassingTheEntryOffAsAnOldOne() {
    UUID tampered = UUID.randomUUID();
    consumer.handle(disclosure(tampered, "demo-lender"));
    consumer.handle(disclosure(UUID.randomUUID(), "demo-lender"));
    given().get("/v1/access-log/verify").then().statusCode(200).body("valid", equalTo(true));
    long sequence =
        ((Number)
                QuarkusTransaction.requiringNew()
                    .call(
                        () ->
                            em.createNativeQuery(
                                    "select sequence from access_log_entry where disclosure_id = ?1")
                                .setParameter(1, tampered)
                                .getSingleResult()))
            .longValue();
    for (String rewrite :
        List.of(
            "score = 850",
            "snapshot_hash = 'cd34'",
            // a version 1 entry's hash did not cover the score: claiming to be one must not help
            "content_version = 1, score = null, model_id = null, model_version = null,"
                + " snapshot_hash = null")) {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery(
                          "update access_log_entry set " + rewrite + " where disclosure_id = ?1")
                      .setParameter(1, tampered)
                      .executeUpdate());
      try {
        given()
            .get("/v1/access-log/verify")
            .then()
            .statusCode(200)
            .body("valid", equalTo(false))
            .body("firstBroken", equalTo((int) sequence));
      } finally {
        QuarkusTransaction.requiringNew()
            .run(
                () ->
                    em.createNativeQuery(
                            "update access_log_entry set content_version = 2, score = 712,"
                                + " model_id = 'person-starter', model_version = '1',"
                                + " snapshot_hash = 'ab12' where disclosure_id = ?1")
                        .setParameter(1, tampered)
                        .executeUpdate());
      }
    }
    given().get("/v1/access-log/verify").then().body("valid", equalTo(true));
  }

  @Test
  @TestSecurity(user = "audrey", roles = "auditor")
  void anEntryWrittenBeforeScoresWereKeptStillVerifiesAndAScoreAddedToItBreaksTheChain() {
    consumer.handle(disclosure(UUID.randomUUID(), "demo-lender"));
    // a version 1 entry at the tail, hashed as entries were before migration V10
    long sequence =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  dev.credence.consent.model.AccessLogEntry last =
                      dev.credence.consent.model.AccessLogEntry
                          .<dev.credence.consent.model.AccessLogEntry>find("order by sequence desc")
                          .firstResult();
                  var e = new dev.credence.consent.model.AccessLogEntry();
                  e.sequence = last.sequence + 1;
                  e.disclosureId = UUID.randomUUID();
                  e.subjectId = FRANK;
                  e.lenderId = "demo-lender";
                  e.purpose = "CREDIT_APPLICATION";
                  e.outcome = "SCORED";
                  e.disclosedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                  e.recordedAt = Instant.now();
                  e.contentVersion = 1;
                  e.prevHash = last.entryHash;
                  e.entryHash =
                      dev.credence.consent.domain.HashChain.hash(
                          e.prevHash,
                          String.join(
                              "|",
                              Long.toString(e.sequence),
                              e.disclosureId.toString(),
                              e.subjectId,
                              e.lenderId,
                              e.purpose,
                              "",
                              e.outcome,
                              e.disclosedAt.toString()));
                  e.persist();
                  return e.sequence;
                });
    try {
      given().get("/v1/access-log/verify").then().statusCode(200).body("valid", equalTo(true));
      // a score written into it afterwards, where its hash never covered one
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery(
                          "update access_log_entry set score = 850, model_id = 'x',"
                              + " model_version = '1' where sequence = ?1")
                      .setParameter(1, sequence)
                      .executeUpdate());
      given()
          .get("/v1/access-log/verify")
          .then()
          .statusCode(200)
          .body("valid", equalTo(false))
          .body("firstBroken", equalTo((int) sequence));
    } finally {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery("delete from access_log_entry where sequence = ?1")
                      .setParameter(1, sequence)
                      .executeUpdate());
    }
    given().get("/v1/access-log/verify").then().body("valid", equalTo(true));
  }

  @Inject dev.credence.consent.service.ReceiptSigner signer;

  private static io.restassured.response.ValidatableResponse checkCheckpoint(String jws) {
    return given()
        .contentType(io.restassured.http.ContentType.JSON)
        .body("{\"jws\":\"" + jws + "\"}")
        .post("/v1/access-log/checkpoint/verify")
        .then();
  }

  @Test
  @TestSecurity(user = "audrey", roles = "auditor")
  void aSignedCheckpointOfTheHeadShowsLaterThatTheLogStillHoldsWhatItCovered() {
    consumer.handle(disclosure(UUID.randomUUID(), "demo-lender"));
    var checkpoint = given().get("/v1/access-log/checkpoint").then().statusCode(200);
    String jws = checkpoint.extract().path("jws");
    long sequence = ((Number) checkpoint.extract().path("sequence")).longValue();
    String hash = checkpoint.extract().path("entryHash");
    assertTrue(sequence > 0);
    // signed with the receipt key, so anyone verifies it offline with GET /v1/receipt-keys
    assertTrue(signer.verified(jws, "access-log-checkpoint+jws").isPresent());

    consumer.handle(disclosure(UUID.randomUUID(), "demo-lender"));
    checkCheckpoint(jws)
        .statusCode(200)
        .body("valid", equalTo(true))
        .body("sequence", equalTo((int) sequence));

    // the entry it names rewritten, with a hash of its own: the chain alone could not tell
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "update access_log_entry set entry_hash = 'f00d' where sequence = ?1")
                    .setParameter(1, sequence)
                    .executeUpdate());
    try {
      checkCheckpoint(jws)
          .statusCode(200)
          .body("valid", equalTo(false))
          .body("reason", org.hamcrest.Matchers.containsString("no longer has the hash"));
    } finally {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery(
                          "update access_log_entry set entry_hash = ?2 where sequence = ?1")
                      .setParameter(1, sequence)
                      .setParameter(2, hash)
                      .executeUpdate());
    }
    checkCheckpoint(jws).body("valid", equalTo(true));

    // the entry's content changed but not its hash: the chain up to the checkpoint is broken
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "update access_log_entry set lender_id = 'someone-else' where sequence = ?1")
                    .setParameter(1, sequence)
                    .executeUpdate());
    try {
      checkCheckpoint(jws)
          .statusCode(200)
          .body("valid", equalTo(false))
          .body("reason", org.hamcrest.Matchers.containsString("chain up to the checkpoint"));
    } finally {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery(
                          "update access_log_entry set lender_id = 'demo-lender' where sequence = ?1")
                      .setParameter(1, sequence)
                      .executeUpdate());
    }
    checkCheckpoint(jws).body("valid", equalTo(true));

    // a checkpoint beyond the log's end: what a log cut back after it was issued looks like
    String beyond =
        signer.sign(
            "{\"log\":\"credence-access-log\",\"sequence\":"
                + (sequence + 1_000_000)
                + ",\"entryHash\":\"abcd\",\"issuedAt\":\""
                + Instant.now()
                + "\"}",
            "access-log-checkpoint+jws");
    checkCheckpoint(beyond)
        .statusCode(200)
        .body("valid", equalTo(false))
        .body("reason", org.hamcrest.Matchers.containsString("no longer holds entry"));

    // a forged payload, and a signed document of another kind (a receipt), are no checkpoints
    String[] parts = jws.split("\\.");
    String forged =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                        .replace("\"sequence\":" + sequence, "\"sequence\":1")
                        .getBytes())
            + "."
            + parts[2];
    // a complete checkpoint payload, but signed as a receipt: the type decides, not the content
    String asReceipt =
        signer.sign(
            new String(java.util.Base64.getUrlDecoder().decode(parts[1])), "consent-receipt+jws");
    for (String notACheckpoint : List.of(forged, asReceipt, "abc")) {
      checkCheckpoint(notACheckpoint)
          .statusCode(422)
          .contentType("application/problem+json")
          .body("type", endsWith("/invalid-checkpoint"));
    }
  }

  @Test
  @TestSecurity(user = "other-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "other-lender"))
  void aLenderSeesOnlyItsOwnDisclosures() {
    UUID mine = UUID.randomUUID();
    UUID theirs = UUID.randomUUID();
    consumer.handle(disclosure(mine, "other-lender"));
    consumer.handle(disclosure(theirs, "demo-lender"));
    given()
        .get("/v1/access-log")
        .then()
        .statusCode(200)
        .body("disclosureId", hasItem(mine.toString()))
        .body("disclosureId", not(hasItem(theirs.toString())))
        .body("lenderId", everyItem(equalTo("other-lender")));
  }

  @Test
  @TestSecurity(user = "audrey", roles = "auditor")
  void theAuditorVerifiesTheChainAndFindsAModifiedEntry() {
    consumer.handle(disclosure(UUID.randomUUID(), "demo-lender"));
    UUID tampered = UUID.randomUUID();
    consumer.handle(disclosure(tampered, "demo-lender"));
    consumer.handle(disclosure(UUID.randomUUID(), "demo-lender"));
    given().get("/v1/access-log/verify").then().statusCode(200).body("valid", equalTo(true));

    long sequence =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Number seq =
                      (Number)
                          em.createNativeQuery(
                                  "select sequence from access_log_entry where disclosure_id = ?1")
                              .setParameter(1, tampered)
                              .getSingleResult();
                  em.createNativeQuery(
                          "update access_log_entry set lender_id = 'someone-else' where disclosure_id = ?1")
                      .setParameter(1, tampered)
                      .executeUpdate();
                  return seq.longValue();
                });
    try {
      given()
          .get("/v1/access-log/verify")
          .then()
          .statusCode(200)
          .body("valid", equalTo(false))
          .body("firstBroken", equalTo((int) sequence));
    } finally {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery(
                          "update access_log_entry set lender_id = 'demo-lender' where disclosure_id = ?1")
                      .setParameter(1, tampered)
                      .executeUpdate());
    }
    given().get("/v1/access-log/verify").then().body("valid", equalTo(true));
  }

  @Test
  @TestSecurity(user = "frank", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = FRANK))
  void aBatchAppendsEachDisclosureOnceInOrderAndAPoisonEventDoesNotHoldItUp() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    EventEnvelope a = disclosure(first, "demo-lender");
    EventEnvelope b = disclosure(second, "demo-lender");
    // a well-formed envelope of a version this consumer cannot read, and one without the fields
    // every disclosure has
    EventEnvelope poison =
        new EventEnvelope(
            UUID.randomUUID(),
            a.type(),
            99,
            a.subjectId(),
            a.occurredAt(),
            a.producer(),
            a.payload());
    EventEnvelope empty =
        new EventEnvelope(
            UUID.randomUUID(),
            a.type(),
            a.version(),
            a.subjectId(),
            a.occurredAt(),
            a.producer(),
            EventCodec.mapper().createObjectNode());
    String poisonJson = EventCodec.write(poison);
    // the JSON a Kafka poll hands over: a redelivered event, a poison event, unparseable text
    consumer.onBatch(
        List.of(
            EventCodec.write(a),
            poisonJson,
            EventCodec.write(a),
            EventCodec.write(empty),
            "{not json",
            EventCodec.write(b)));
    assertEquals(
        0,
        consumer.handleAll(List.of(new DisclosureEventsConsumer.Received(EventCodec.write(b), b))),
        "a redelivered batch changes nothing");

    List<?> order =
        em.createNativeQuery(
                "select cast(disclosure_id as text) from access_log_entry"
                    + " where disclosure_id in (?1, ?2) order by sequence")
            .setParameter(1, first)
            .setParameter(2, second)
            .getResultList();
    assertEquals(List.of(first.toString(), second.toString()), order);
    given().get("/v1/access-log/verify").then().statusCode(403); // (auditor only)
  }

  /**
   * PostgreSQL ends every session the service holds (a restart or failover), then a batch arrives:
   * it is applied once the database answers, and the channel does not stop (it used to, and only a
   * pod restart brought the access log back: docs/benchmarks.md, fault runs).
   */
  @Test
  void aBatchThatMeetsACutConnectionIsAppliedOnceTheDatabaseAnswers() throws Exception {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    List<String> batch =
        List.of(
            EventCodec.write(disclosure(first, "demo-lender")),
            EventCodec.write(disclosure(second, "demo-lender")));
    try (var c = dataSource.getConnection()) {
      assertTrue(c.isValid(2)); // the pool holds at least one open connection
    }
    double before = DatabaseOutage.retries(meters, "consent.disclosure-events");
    int ended = DatabaseOutage.endSessions();
    try {
      assertTrue(ended >= 1, "the pool held no connection to end");
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> consumer.onBatch(batch));
      assertTrue(
          DatabaseOutage.retries(meters, "consent.disclosure-events") > before,
          "the first attempt met a cut connection and was retried");
    } finally {
      dataSource.flush(AgroalDataSource.FlushMode.ALL); // no dead connection left for later tests
      DatabaseOutage.awaitHealthyPool(dataSource, 8);
    }
    List<String> logged = new java.util.ArrayList<>();
    try (var c = DatabaseOutage.connect();
        var st =
            c.prepareStatement(
                "select cast(disclosure_id as text) from access_log_entry"
                    + " where disclosure_id in (?, ?) order by sequence")) {
      st.setObject(1, first);
      st.setObject(2, second);
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          logged.add(rs.getString(1));
        }
      }
    }
    assertEquals(List.of(first.toString(), second.toString()), logged);
  }

  /** Appends the disclosures in one batch, in order (the last one is the newest). */
  private List<UUID> logged(String subjectId, String lender, int count) {
    List<UUID> ids = new ArrayList<>();
    List<DisclosureEventsConsumer.Received> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      EventEnvelope e = disclosure(subjectId, id, lender);
      batch.add(new DisclosureEventsConsumer.Received(EventCodec.write(e), e));
    }
    assertEquals(count, QuarkusTransaction.requiringNew().call(() -> consumer.handleAll(batch)));
    return ids;
  }

  /** The next page's reference from the Link header, or null on the last page. */
  private static String next(io.restassured.response.Response page) {
    String link = page.header("Link");
    if (link == null) {
      return null;
    }
    Matcher m = NEXT.matcher(link);
    assertTrue(m.matches(), "an RFC 8288 next link: " + link);
    return m.group(1);
  }

  @Test
  @TestSecurity(user = "gina", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = GINA))
  void aPersonsAccessLogComesNewestFirstAPageAtATimeWithALinkToTheNext() {
    List<UUID> ids = logged(GINA, "demo-lender", 5);
    List<String> newestFirst = new ArrayList<>(ids.stream().map(UUID::toString).toList());
    java.util.Collections.reverse(newestFirst);

    var first = given().queryParam("limit", 2).get("/v1/access-log");
    first
        .then()
        .statusCode(200)
        .body("disclosureId", contains(newestFirst.subList(0, 2).toArray()));
    String second = next(first);
    assertTrue(second.contains("limit=2") && second.contains("after="), second);

    var page2 = given().get(second);
    page2
        .then()
        .statusCode(200)
        .body("disclosureId", contains(newestFirst.subList(2, 4).toArray()));
    var last = given().get(next(page2));
    last.then().statusCode(200).body("disclosureId", contains(newestFirst.get(4)));
    assertNull(next(last), "no next link on the last page");

    // without a limit: the default page (100), everything here, and no link
    var all = given().get("/v1/access-log");
    all.then().statusCode(200).body("size()", equalTo(5));
    assertNull(all.header("Link"));
  }

  @Test
  @TestSecurity(user = "gina", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = GINA))
  void aLimitOutOfRangeOrANonPositiveCursorIsAValidationFailure() {
    for (String limit : List.of("0", "1001", "-5")) {
      given()
          .queryParam("limit", limit)
          .get("/v1/access-log")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("type", endsWith("/validation-failed"))
          .body("errors.field", hasItem("limit"));
    }
    given()
        .queryParam("after", 0)
        .get("/v1/access-log")
        .then()
        .statusCode(400)
        .body("type", endsWith("/validation-failed"))
        .body("errors.field", hasItem("after"));
    given().queryParam("limit", 1000).get("/v1/access-log").then().statusCode(200);
  }

  @Test
  @TestSecurity(user = "paging-lender", roles = "lender")
  @OidcSecurity(claims = @Claim(key = "azp", value = "paging-lender"))
  void aLendersLogIsPagedToo() {
    List<UUID> ids = logged(UUID.randomUUID().toString(), "paging-lender", 3);
    var first = given().queryParam("limit", 2).get("/v1/access-log");
    first
        .then()
        .statusCode(200)
        .body("disclosureId", contains(ids.get(2).toString(), ids.get(1).toString()));
    given()
        .get(next(first))
        .then()
        .statusCode(200)
        .body("disclosureId", contains(ids.get(0).toString()));
  }

  @Test
  @TestSecurity(user = "audrey", roles = "auditor")
  void theAuditorReadsTheWholeLogAPageAtATimeAndTheLinkKeepsTheSubjectFilter() {
    String subject = UUID.randomUUID().toString();
    List<UUID> ids = logged(subject, "demo-lender", 3);

    var whole = given().queryParam("limit", 1).get("/v1/access-log/all");
    whole.then().statusCode(200).body("size()", equalTo(1));
    assertTrue(next(whole).startsWith("/v1/access-log/all?"), next(whole));

    var first =
        given().queryParam("subjectId", subject).queryParam("limit", 2).get("/v1/access-log/all");
    first
        .then()
        .statusCode(200)
        .body("disclosureId", contains(ids.get(2).toString(), ids.get(1).toString()));
    String second = next(first);
    assertTrue(second.contains("subjectId=" + subject), second);
    var rest = given().get(second);
    rest.then().statusCode(200).body("disclosureId", contains(ids.get(0).toString()));
    assertNull(next(rest));
    given()
        .queryParam("limit", 1001)
        .get("/v1/access-log/all")
        .then()
        .statusCode(400)
        .body("type", endsWith("/validation-failed"));
  }

  @Test
  @TestSecurity(user = "frank", roles = "individual")
  void aPersonCannotVerifyOrReadTheWholeLog() {
    given().get("/v1/access-log/verify").then().statusCode(403);
    given().get("/v1/access-log/all").then().statusCode(403);
  }
}
