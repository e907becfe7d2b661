package dev.credence.scoring.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.credence.common.outbox.OutboxRelay;
import dev.credence.common.testing.LockWaits;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The outbox relays of several replicas run one batch at a time: a batch waits while another
 * replica's relay holds the relay lock, and goes on once that batch has committed. With only {@code
 * for update skip locked}, a second relay skipped the rows a stalled first one held and published
 * rows written after them, so a consent heartbeat could overtake the consent change it vouches for.
 * (The relay is the same class in every service; scoring's database stands in for any of them.)
 */
@QuarkusTest
class OutboxRelaySerialisationTest {
  @Inject OutboxRelay relay;
  @Inject AgroalDataSource dataSource;

  @Test
  void aBatchWaitsForAnotherReplicasBatchToCommit() throws Exception {
    CompletableFuture<Integer> batch;
    try (Connection otherReplica = dataSource.getConnection()) {
      // another replica's relay, in the middle of its batch
      otherReplica.setAutoCommit(false);
      try (PreparedStatement lock =
          otherReplica.prepareStatement("select pg_advisory_xact_lock(?)")) {
        lock.setLong(1, OutboxRelay.RELAY_LOCK);
        lock.execute();
      }
      // this service's own background relay (polling every 0.2 s in tests) blocks on the lock
      // too; count it first, so that the wait below sees this test's batch
      Thread.sleep(1_000);
      int background = waitingOnTheRelayLock();
      batch = CompletableFuture.supplyAsync(relay::publishBatch);
      await().atMost(Duration.ofSeconds(20)).until(() -> waitingOnTheRelayLock() >= background + 1);
      assertFalse(batch.isDone(), "the batch must not read the outbox while the other one runs");
      otherReplica.rollback(); // the other batch ends
    }
    assertEquals(0, batch.get(20, TimeUnit.SECONDS), "then it runs (nothing was waiting)");
  }

  /** Backends waiting for an advisory lock (the relay's). */
  private int waitingOnTheRelayLock() throws Exception {
    return LockWaits.waiting(dataSource, "advisory", null).size();
  }
}
