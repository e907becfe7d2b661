package dev.credence.consent.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.credence.common.problem.ProblemException;
import dev.credence.common.testing.LockWaits;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Opening a dispute racing ingestion's report that an earlier dispute followed its record to a new
 * version: the opening waits for the report's transaction and then sees the new version as already
 * under dispute, instead of counting open disputes from before the move and opening a second one.
 */
@QuarkusTest
class DisputeRaceTest {
  @Inject SubjectService subjects;
  @Inject DisputeService disputes;
  @Inject AgroalDataSource dataSource;

  @Test
  void aDisputeOpenedWhileTheFirstIsMovingToTheNewVersionWaitsAndIsRefused() throws Exception {
    String subjectId = "dispute-race-" + UUID.randomUUID();
    subjects.enrolPerson(subjectId, subjectId + "-sub", null);
    UUID disputed = UUID.randomUUID();
    UUID newVersion = UUID.randomUUID();
    String first =
        disputes.store(subjectId, subjectId, disputed, "not mine", true, "acme-bank").id.toString();

    CompletableFuture<Object> second;
    try (Connection report = dataSource.getConnection()) {
      // the consumer's transaction applying dispute.updated OPEN with the new version, as apply()
      // takes it: the subject's dispute lock, then the move, not yet committed
      report.setAutoCommit(false);
      try (PreparedStatement lock =
          report.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
        lock.setInt(1, DisputeService.DISPUTE_LOCK);
        lock.setString(2, subjectId);
        lock.executeQuery().close();
      }
      try (PreparedStatement move =
          report.prepareStatement(
              "update dispute set current_record_id = ? where id = cast(? as uuid)")) {
        move.setObject(1, newVersion);
        move.setString(2, first);
        move.executeUpdate();
      }
      second =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return disputes.store(
                      subjectId, subjectId, newVersion, "still not mine", true, "acme-bank");
                } catch (RuntimeException e) {
                  return e;
                }
              });
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> LockWaits.waiting(dataSource, "advisory", null).size() >= 1);
      assertFalse(second.isDone(), "the opening waits for the report");
      report.commit();
    }
    Object outcome = second.get(20, TimeUnit.SECONDS);
    ProblemException refused = assertInstanceOf(ProblemException.class, outcome);
    assertEquals("dispute-already-open", refused.type().slug());
    assertEquals(1, openDisputes(subjectId), "one open dispute, following the record");
  }

  private int openDisputes(String subjectId) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from dispute where subject_id = ? and status = 'OPEN'")) {
      s.setString(1, subjectId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
