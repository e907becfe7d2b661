package dev.credence.common.messaging;

import dev.credence.common.events.PoisonEventException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import javax.transaction.xa.XAException;

/**
 * Tells an outage from a fault. A consumer that fails because the database is restarting, refuses
 * connections, cut a connection, ran out of connections, or because two transactions deadlocked,
 * will succeed with the same event later: it must wait and try again, never skip the event (to the
 * dead-letter topic or otherwise). A failure the event itself causes (it is poison, a value does
 * not fit, a constraint says no) or a failure of the code fails the same way every time and is left
 * to the channel's failure strategy.
 *
 * <p>The test is on the cause chain, so it does not depend on how Hibernate, Narayana or Agroal
 * wrap the driver's exception. A database failure is transient unless its SQLSTATE says the
 * statement or its data is at fault; this is the safe side, because no event can make a connection
 * fail, while a server state listed nowhere (PostgreSQL answers a database that refuses connections
 * with 55000, not a connection class) would otherwise send live events to the dead-letter topic. A
 * fault in our own SQL that slips through waits forever instead: the channel then reports itself
 * unhealthy, which is louder than a dead-letter topic and loses nothing.
 */
public final class TransientFailures {
  /** SQLSTATE classes that blame the statement or the data it was given, not the server. */
  private static final Set<String> STATEMENT_CLASSES =
      Set.of(
          "0A", // feature not supported
          "21", // cardinality violation
          "22", // data exception: a value out of range, malformed, too long
          "23", // integrity constraint violation
          "42", // syntax error or access rule violation
          "44", // with check option violation
          "P0"); // PL/pgSQL raise

  private TransientFailures() {}

  /**
   * True when the failure says "try again later". Its cause chain is read first, then what was
   * suppressed along it: poison decides at once; otherwise the first database failure decides by
   * its SQLSTATE; a socket error is transient; and a transaction that could not commit (a JTA
   * rollback or heuristic outcome, an XA failure) without any database failure to blame is
   * transient too, because that is how a connection lost during the commit reaches the consumer
   * (Narayana's "Could not commit transaction" carries no SQL cause; a fault run sent one such
   * event to the dead-letter topic). A constraint that fails at the commit's flush still shows its
   * SQLSTATE.
   */
  public static boolean isTransient(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Deque<Throwable> next = new ArrayDeque<>();
    next.push(failure);
    boolean transactionFailed = false;
    boolean socketFailed = false;
    while (!next.isEmpty()) {
      Throwable t = next.pop();
      if (seen.put(t, Boolean.TRUE) != null) {
        continue;
      }
      if (t instanceof PoisonEventException) {
        return false;
      }
      if (t instanceof SQLException sql) {
        return isTransientState(sql.getSQLState());
      }
      socketFailed |=
          t instanceof SocketException
              || t instanceof SocketTimeoutException
              || t instanceof EOFException;
      transactionFailed |=
          t instanceof RollbackException
              || t instanceof HeuristicMixedException
              || t instanceof HeuristicRollbackException
              || t instanceof XAException;
      // depth first, the cause before the suppressed: the cause chain is the failure itself, a
      // suppressed exception is what went wrong while cleaning up after it
      for (Throwable suppressed : t.getSuppressed()) {
        next.push(suppressed);
      }
      if (t.getCause() != null) {
        next.push(t.getCause());
      }
    }
    return socketFailed || transactionFailed;
  }

  /**
   * Whether a database failure with this SQLSTATE can pass. A missing SQLSTATE is the pool's own
   * failure (Agroal's acquisition timeout has none; the PostgreSQL driver sets one on everything it
   * throws).
   */
  static boolean isTransientState(String state) {
    if (state == null || state.length() < 2) {
      return true;
    }
    return !STATEMENT_CLASSES.contains(state.substring(0, 2));
  }
}
