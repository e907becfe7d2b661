package dev.credence.scoring.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.DisclosureRecorded;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Events;
import dev.credence.common.events.Purpose;
import dev.credence.common.events.Topics;
import dev.credence.common.outbox.Outbox;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.testing.LockWaits;
import dev.credence.scoring.TestData;
import dev.credence.scoring.model.Disclosure;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Group commit: concurrent releases each leave exactly their disclosure, inquiry and event, with
 * every column as given; a batch holding one release that cannot be stored still commits the others
 * and fails only that one.
 */
@QuarkusTest
@TestSecurity(user = "demo-lender", roles = "lender")
@OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
class ReleaseWriterTest {
  @Inject TestData data;
  @Inject ReleaseWriter writer;
  @Inject Outbox outbox;
  @Inject Topics topics;
  @Inject AgroalDataSource dataSource;

  @Test
  void concurrentScoreRequestsEachLeaveExactlyTheirOwnRows() throws Exception {
    int n = 24;
    List<String> ids = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String nationalId = TestData.newNationalId();
      String subjectId = data.enrol(nationalId);
      data.tradeline(subjectId, TestData.goodTradeline());
      data.grant(subjectId, "demo-lender", Purpose.CREDIT_APPLICATION);
      ids.add(nationalId);
      subjects.add(subjectId);
    }
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (String nationalId : ids) {
        answers.add(
            pool.submit(
                () ->
                    given()
                        .contentType(ContentType.JSON)
                        .body(
                            "{\"subject\":{\"identifierType\":\"NATIONAL_ID\",\"identifier\":\""
                                + nationalId
                                + "\"},\"purpose\":\"CREDIT_APPLICATION\"}")
                        .post("/v1/scores")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("disclosureId")));
      }
      for (int i = 0; i < n; i++) {
        String disclosureId = answers.get(i).get();
        String subjectId = subjects.get(i);
        // answered only once committed: the rows are there the moment the answer is
        assertEquals(
            1,
            data.count(
                "select count(*) from disclosure where id = cast(?1 as uuid) and subject_id = ?2",
                disclosureId,
                subjectId));
        assertEquals(
            1,
            data.count(
                "select count(*) from inquiry where disclosure_id = cast(?1 as uuid)"
                    + " and subject_id = ?2 and kind = 'HARD'",
                disclosureId,
                subjectId));
        assertEquals(
            1,
            data.count(
                "select count(*) from outbox_event where type = ?1"
                    + " and payload -> 'payload' ->> 'disclosureId' = ?2",
                Events.DISCLOSURE_RECORDED.name(),
                disclosureId));
        assertEquals(1, data.disclosures(subjectId));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void everyColumnIsStoredAsGiven() {
    ReleaseWriter.Release r = release(UUID.randomUUID());
    r.disclosure().subjectType = "ORGANISATION";
    r.disclosure().outcome = DisclosureView.SCORED;
    r.disclosure().noScoreReason = null;
    r.disclosure().score = 42;
    r.disclosure().band = "C";
    r.disclosure().paymentIndex = 70;
    r.disclosure().paymentIndexInvoices = 3;
    r.disclosure().paymentIndexDbt = new BigDecimal("10.25");
    r.disclosure().deductions = "[{\"points\": 25, \"text\": \"Court \\\"judgment\\\"\"}]";
    r.disclosure().dataAsOf = LocalDate.of(2026, 10, 31);
    r.disclosure().disputedRecords = 2;
    writer.commit(r);
    List<Object[]> rows =
        data.rows(
            "select subject_type, score, band, payment_index, payment_index_invoices,"
                + " cast(payment_index_dbt as text), deductions ->> 0, cast(data_as_of as text),"
                + " disputed_records, computed_at = cast(?2 as timestamptz), no_score_reason"
                + " from disclosure where id = ?1",
            r.disclosure().id,
            r.disclosure().computedAt.toString());
    assertEquals(1, rows.size());
    Object[] row = rows.get(0);
    assertEquals("ORGANISATION", row[0]);
    assertEquals(42, ((Number) row[1]).intValue());
    assertEquals("C", row[2]);
    assertEquals(70, ((Number) row[3]).intValue());
    assertEquals(3, ((Number) row[4]).intValue());
    assertEquals("10.25", row[5]);
    assertEquals("{\"text\": \"Court \\\"judgment\\\"\", \"points\": 25}", row[6]);
    assertEquals("2026-10-31", row[7]);
    assertEquals(2, ((Number) row[8]).intValue());
    assertEquals(Boolean.TRUE, row[9]);
    assertEquals(null, row[10]);
  }

  @Test
  void aBatchWithOneBadReleaseCommitsTheOthersAndFailsOnlyThatOne() {
    UUID taken = UUID.randomUUID();
    writer.commit(release(taken));
    ReleaseWriter.Release good1 = release(UUID.randomUUID());
    ReleaseWriter.Release duplicate = release(taken); // primary key already used
    ReleaseWriter.Release good2 = release(UUID.randomUUID());
    List<ReleaseWriter.Pending> batch =
        List.of(
            new ReleaseWriter.Pending(good1, new CompletableFuture<>()),
            new ReleaseWriter.Pending(duplicate, new CompletableFuture<>()),
            new ReleaseWriter.Pending(good2, new CompletableFuture<>()));
    writer.write(batch);
    assertTrue(batch.get(0).committed().isDone());
    assertFalse(batch.get(0).committed().isCompletedExceptionally());
    assertTrue(batch.get(1).committed().isCompletedExceptionally());
    assertFalse(batch.get(2).committed().isCompletedExceptionally());
    for (ReleaseWriter.Release r : List.of(good1, good2)) {
      assertEquals(
          1, data.count("select count(*) from disclosure where id = ?1", r.disclosure().id));
      assertEquals(
          1,
          data.count("select count(*) from inquiry where disclosure_id = ?1", r.disclosure().id));
      assertEquals(
          1, data.count("select count(*) from outbox_event where id = ?1", r.event().id()));
    }
    // the failed one left no second inquiry or event behind
    assertEquals(1, data.count("select count(*) from inquiry where disclosure_id = ?1", taken));
    assertEquals(
        0, data.count("select count(*) from outbox_event where id = ?1", duplicate.event().id()));
  }

  @Test
  void aReleaseThatCannotBeStoredFailsItsOwnRequestAndTheWriterGoesOn() {
    UUID taken = UUID.randomUUID();
    writer.commit(release(taken));
    IllegalStateException failed =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> writer.commit(release(taken)));
    assertTrue(
        failed.getCause() instanceof java.sql.SQLException, "the cause is the database's refusal");
    ReleaseWriter.Release next = release(UUID.randomUUID());
    writer.commit(next);
    assertEquals(
        1, data.count("select count(*) from disclosure where id = ?1", next.disclosure().id));
  }

  @Test
  void submitHandsBackAStageThatCompletesOnlyOnceTheRowsAreDurable() throws Exception {
    ReleaseWriter.Release good = release(UUID.randomUUID());
    CompletableFuture<Void> stage = writer.submit(good);
    // whenever it completes, the rows are there: the stage is completed after the commit returned
    // (it completes on an event loop, where nothing may block: the count runs off it)
    CompletableFuture<Long> seen =
        stage.thenApplyAsync(
            v -> data.count("select count(*) from disclosure where id = ?1", good.disclosure().id),
            java.util.concurrent.ForkJoinPool.commonPool());
    assertEquals(1L, seen.get(30, java.util.concurrent.TimeUnit.SECONDS));

    // a release that cannot be stored fails its stage (it does not throw at submit), and nothing
    // of it is stored
    ReleaseWriter.Release duplicate = release(good.disclosure().id);
    CompletableFuture<Void> failed = writer.submit(duplicate);
    java.util.concurrent.ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> failed.get(30, java.util.concurrent.TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof java.sql.SQLException, "the database's refusal");
    assertEquals(
        0, data.count("select count(*) from outbox_event where id = ?1", duplicate.event().id()));
  }

  @Test
  void aReleaseWhoseCommitIsNotConfirmedIsAnsweredOutcomeUnknownNotTryAgain() throws Exception {
    ReleaseWriter.Release release = release(UUID.randomUUID());
    CompletableFuture<Void> stage;
    try (Connection locker = dataSource.getConnection()) {
      // the writer's statement reaches PostgreSQL and waits on this lock; then its connection is
      // cut, as a failover or a network fault would: the statement's fate is not known to scoring
      locker.setAutoCommit(false);
      try (Statement lock = locker.createStatement()) {
        lock.execute("lock table disclosure in share row exclusive mode");
      }
      stage = writer.submit(release);
      Integer pid =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(ReleaseWriterTest.this::blockedReleaseBackend, java.util.Objects::nonNull);
      try (Statement cut = locker.createStatement()) {
        cut.execute("select pg_terminate_backend(" + pid + ")");
      }
      java.util.concurrent.ExecutionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              java.util.concurrent.ExecutionException.class,
              () -> stage.get(30, java.util.concurrent.TimeUnit.SECONDS));
      ProblemException problem =
          org.junit.jupiter.api.Assertions.assertInstanceOf(ProblemException.class, e.getCause());
      assertEquals(ScoringProblems.RELEASE_OUTCOME_UNKNOWN, problem.type());
      assertEquals(500, problem.type().status(), "not a 503: a blind retry would disclose twice");
      String id = release.disclosure().id.toString();
      assertEquals(id, problem.extensions().get("disclosureId"));
      assertTrue(problem.getMessage().contains("GET /v1/disclosures/" + id), problem.getMessage());
      locker.rollback();
    }
    // this time it was not recorded, which the advised lookup would show; nothing was written
    // again behind the lender's back
    assertEquals(
        0, data.count("select count(*) from disclosure where id = ?1", release.disclosure().id));
    // and the writer goes on with a fresh connection
    ReleaseWriter.Release next = release(UUID.randomUUID());
    writer.commit(next);
    assertEquals(
        1, data.count("select count(*) from disclosure where id = ?1", next.disclosure().id));
  }

  /** The backend whose release statement waits on a lock, if any yet. */
  private Integer blockedReleaseBackend() throws Exception {
    return LockWaits.waiting(dataSource, null, "with src as materialized%").stream()
        .findFirst()
        .orElse(null);
  }

  private ReleaseWriter.Release release(UUID id) {
    Disclosure d = new Disclosure();
    d.id = id;
    d.lenderId = "demo-lender";
    d.subjectId = UUID.randomUUID().toString();
    d.purpose = Purpose.ACCOUNT_REVIEW.name();
    d.consentId = UUID.randomUUID();
    d.outcome = DisclosureView.NO_SCORE;
    d.noScoreReason = "NO_TRADELINES";
    d.reasonCodes = "[]";
    d.scaleMin = 300;
    d.scaleMax = 850;
    d.modelId = "test-model";
    d.modelVersion = "1";
    d.snapshotHash = "sha256:test";
    d.features = "{}";
    d.computedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    // a real disclosure.recorded on the real topic: the relay publishes it like any other
    Outbox.Row event =
        outbox.row(
            topics.disclosures(),
            EventCodec.envelope(
                Events.DISCLOSURE_RECORDED,
                d.subjectId,
                "scoring-service",
                new DisclosureRecorded(
                    d.id,
                    d.subjectId,
                    d.lenderId,
                    Purpose.ACCOUNT_REVIEW,
                    d.consentId,
                    d.outcome,
                    null,
                    d.modelId,
                    d.modelVersion,
                    d.snapshotHash,
                    d.computedAt),
                d.computedAt));
    return new ReleaseWriter.Release(d, "SOFT", event);
  }
}
