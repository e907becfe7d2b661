package dev.credence.consent.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.credence.common.problem.ProblemException;
import dev.credence.common.testing.LockWaits;
import dev.credence.consent.support.Terms;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A grant racing an erasure: the erasure holds the subject row for update while it ends every
 * consent, so a grant must wait for it and then be refused, not slip in a consent the erasure could
 * not see (an ACTIVE consent on an erased subject, announced to the other services).
 */
@QuarkusTest
class ErasureRaceTest {
  @Inject SubjectService subjects;
  @Inject ConsentService consents;
  @Inject AgroalDataSource dataSource;

  @Test
  void aGrantDuringAnErasureWaitsForItAndIsRefused() throws Exception {
    String subjectId = "race-" + UUID.randomUUID();
    subjects.enrolPerson(subjectId, subjectId + "-sub", null);

    CompletableFuture<Object> grant;
    try (Connection erasure = dataSource.getConnection()) {
      // the erasure's transaction, as ErasureService takes it: the subject row for update
      erasure.setAutoCommit(false);
      try (PreparedStatement lock =
          erasure.prepareStatement("select id from subject where id = ? for update")) {
        lock.setString(1, subjectId);
        lock.executeQuery().close();
      }
      grant =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return consents.grant(subjectId, Terms.demoLenderCreditApplication(), subjectId);
                } catch (RuntimeException e) {
                  return e;
                }
              });
      await().atMost(Duration.ofSeconds(20)).until(() -> waitingOnTheSubjectRow() >= 1);
      assertFalse(grant.isDone(), "the grant waits for the erasure");
      try (PreparedStatement erase =
          erasure.prepareStatement("update subject set erased_at = now() where id = ?")) {
        erase.setString(1, subjectId);
        erase.executeUpdate();
      }
      erasure.commit();
    }
    Object outcome = grant.get(20, TimeUnit.SECONDS);
    ProblemException refused = assertInstanceOf(ProblemException.class, outcome);
    assertEquals("subject-erased", refused.type().slug());
    assertEquals(0, activeConsents(subjectId), "no consent outlives the erasure");
  }

  private int waitingOnTheSubjectRow() throws Exception {
    return LockWaits.waiting(dataSource, null, "%from subject%").size();
  }

  private int activeConsents(String subjectId) throws ExecutionException, Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select count(*) from consent where subject_id = ?")) {
      s.setString(1, subjectId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
