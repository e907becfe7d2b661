package dev.credence.ingestion.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.ingestion.support.Projections;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * CSV jobs are held by the replica running them through a lease (heartbeat_at). A starting or
 * sweeping replica fails only jobs whose lease ran out: never another replica's live job, which a
 * rolling restart used to fail ("interrupted by a service restart") while it still ran.
 */
@QuarkusTest
class CsvJobLeaseTest {
  @Inject CsvJobs jobs;
  @Inject Projections projections;

  UUID job(String heartbeatAgo) {
    UUID id = UUID.randomUUID();
    projections.rows(
        "insert into record_job (id, furnisher_id, status, created_at, heartbeat_at)"
            + " values (?1, 'demo-furnisher', 'RUNNING', now() - interval '1 hour',"
            + " now() - cast(?2 as interval)) returning id",
        id,
        heartbeatAgo);
    return id;
  }

  String status(UUID id) {
    return (String) projections.single("select status from record_job where id = ?1", id);
  }

  @Test
  void aJobWhoseReplicaStoppedIsFailedOnceItsLeaseRunsOut() {
    UUID orphan = job("5 minutes");
    jobs.sweep(); // (or the scheduled heartbeat got there first)
    assertEquals("FAILED", status(orphan));
    String error =
        (String) projections.single("select error from record_job where id = ?1", orphan);
    assertTrue(error.startsWith("interrupted: the service instance running it stopped"), error);
    assertTrue(
        projections.countWhere(
                "select count(*) from record_job where id = ?1 and finished_at is not null", orphan)
            == 1);
  }

  @Test
  void anotherReplicasLiveJobSurvivesThisReplicasStartAndSweeps() {
    UUID live = job("5 seconds"); // renewed moments ago by the replica running it
    jobs.sweep(); // what a starting replica does
    jobs.heartbeat(); // and every heartbeat after that
    assertEquals("RUNNING", status(live));
    assertNull(projections.single("select finished_at from record_job where id = ?1", live));
  }

  @Test
  void theHoldingReplicaRenewsItsLeaseSoItsSlowJobIsNotFailed() {
    UUID slow = job("50 seconds"); // about to run out (the lease is 60 s)
    jobs.hold(slow);
    try {
      jobs.heartbeat();
      assertEquals("RUNNING", status(slow));
      assertEquals(
          1L,
          projections.countWhere(
              "select count(*) from record_job where id = ?1"
                  + " and heartbeat_at > now() - interval '10 seconds'",
              slow));
    } finally {
      jobs.release(slow);
    }
    // once released (it finished, or its replica is gone) it is no longer renewed
    projections.rows(
        "update record_job set heartbeat_at = now() - interval '2 minutes' where id = ?1"
            + " returning id",
        slow);
    jobs.heartbeat();
    assertEquals("FAILED", status(slow));
  }
}
