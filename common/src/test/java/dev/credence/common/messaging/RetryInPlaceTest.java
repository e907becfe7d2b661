package dev.credence.common.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.PoisonEventException;
import jakarta.transaction.RollbackException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

class RetryInPlaceTest {
  private final List<Duration> waits = new ArrayList<>();
  private final List<Integer> attempts = new ArrayList<>();
  private final RetryInPlace retry =
      new RetryInPlace(Duration.ofMillis(100), Duration.ofMillis(500), waits::add);

  /** What Hibernate throws when PostgreSQL cut the connection (SQLSTATE 57P01, 08006). */
  private static RuntimeException wrapped(String sqlState) {
    return new IllegalStateException(
        "could not execute statement", new SQLException("terminated", sqlState));
  }

  @Test
  void aTransientFailureIsRetriedWithADoublingCappedBackoffUntilTheWorkSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    String result =
        retry.run(
            () -> {
              if (calls.incrementAndGet() <= 4) {
                throw wrapped("57P01");
              }
              return "applied";
            },
            (attempt, backoff, failure) -> attempts.add(attempt));
    assertEquals("applied", result);
    assertEquals(5, calls.get());
    assertEquals(List.of(1, 2, 3, 4), attempts);
    assertEquals(
        List.of(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(500)),
        waits);
  }

  @Test
  void aNonTransientFailureIsRethrownAtOnceWithoutWaiting() {
    RuntimeException poison = new PoisonEventException("no subject id");
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () ->
                retry.run(
                    () -> {
                      throw poison;
                    },
                    (attempt, backoff, failure) -> attempts.add(attempt)));
    assertSame(poison, thrown);
    assertTrue(waits.isEmpty());
    assertTrue(attempts.isEmpty());

    RuntimeException duplicateKey = wrapped("23505");
    assertSame(
        duplicateKey,
        assertThrows(
            RuntimeException.class,
            () ->
                retry.run(
                    () -> {
                      throw duplicateKey;
                    },
                    (attempt, backoff, failure) -> attempts.add(attempt))));
    assertTrue(waits.isEmpty());
  }

  @Test
  void anInterruptedWaitRethrowsTheLastFailureAndKeepsTheInterrupt() {
    RetryInPlace interrupted =
        new RetryInPlace(
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            d -> {
              throw new InterruptedException("stopping");
            });
    RuntimeException outage = wrapped("08006");
    try {
      RuntimeException thrown =
          assertThrows(
              RuntimeException.class,
              () ->
                  interrupted.run(
                      () -> {
                        throw outage;
                      },
                      (attempt, backoff, failure) -> attempts.add(attempt)));
      assertSame(outage, thrown);
      assertEquals(1, thrown.getSuppressed().length);
      assertTrue(Thread.currentThread().isInterrupted());
      assertEquals(List.of(1), attempts);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void transientMeansAnythingTheDatabaseDoesNotBlameOnTheStatementOrItsData() {
    // 55000: "database ... is not currently accepting connections" (ALLOW_CONNECTIONS false)
    for (String state :
        List.of("08001", "08006", "57P01", "57P03", "53300", "40001", "40P01", "55000", "58030")) {
      assertTrue(TransientFailures.isTransient(wrapped(state)), state);
    }
    for (String state : List.of("23505", "23503", "22001", "22P02", "42P01", "42703", "P0001")) {
      assertFalse(TransientFailures.isTransient(wrapped(state)), state);
    }
    // the pool's acquisition timeout carries no SQLSTATE
    assertTrue(TransientFailures.isTransient(new RuntimeException(new SQLException("timeout"))));
    assertTrue(
        TransientFailures.isTransient(
            new RuntimeException(new SQLTransientConnectionException("refused", "08001"))));
    assertTrue(TransientFailures.isTransient(new RuntimeException(new ConnectException())));
    assertFalse(TransientFailures.isTransient(new IllegalArgumentException("bad value")));
    assertFalse(TransientFailures.isTransient(new NullPointerException()));
    // poison wins over anything below it
    assertFalse(
        TransientFailures.isTransient(
            new PoisonEventException("bad payload", new SQLException("x", "08006"))));
  }

  @Test
  void aCommitThatFailedWithoutADatabaseFailureToBlameIsTransient() {
    // what a consumer saw when its session was ended during the commit (fault run 13:51)
    RuntimeException commitLost =
        new IllegalStateException(
            "Error invoking subclass method",
            new RollbackException("ARJUNA016053: Could not commit transaction."));
    assertTrue(TransientFailures.isTransient(commitLost));

    XAException xa = new XAException("Error trying to commit local transaction");
    xa.initCause(new SQLException("This connection has been closed.", "08003"));
    RollbackException withSuppressed = new RollbackException("could not commit");
    withSuppressed.addSuppressed(xa);
    assertTrue(TransientFailures.isTransient(new IllegalStateException(withSuppressed)));

    // a constraint that failed at the commit's flush names itself: not transient, even when the
    // rollback after it failed on a closed connection
    RollbackException constraint = new RollbackException("could not commit");
    constraint.initCause(
        new IllegalStateException("flush failed", new SQLException("duplicate key", "23505")));
    constraint.addSuppressed(new SQLException("This connection has been closed.", "08003"));
    assertFalse(TransientFailures.isTransient(new IllegalStateException(constraint)));
  }

  @Test
  void aCauseChainWithACycleEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertFalse(TransientFailures.isTransient(a));
  }

  @Test
  void describingAFailureNamesTheSqlStateAndNeverTheMessage() {
    String described =
        Failures.describe(
            new IllegalStateException(
                "could not execute statement",
                new SQLException("Key (national_id)=(123-45-6789) already exists", "08006")));
    assertEquals("SQLException SQLSTATE 08006", described);
    assertFalse(described.contains("123"));
  }

  @Test
  void theBackoffMustBePositiveAndItsCapNotBelowIt() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryInPlace(Duration.ZERO, Duration.ofSeconds(1), d -> {}));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryInPlace(Duration.ofSeconds(2), Duration.ofSeconds(1), d -> {}));
  }
}
