package dev.credence.common.messaging;

import dev.credence.common.events.PoisonEventException;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells an outage from a fault. A consumer that fails because the database is restarting, a
 * connection was cut, the pool could not hand out a connection in time or two transactions
 * deadlocked will succeed with the same event later: it must wait and try again, never skip the
 * event (to the dead-letter topic or otherwise). Anything else (the event is poison, a constraint
 * says no, a bug) fails the same way every time and is left to the channel's failure strategy.
 *
 * <p>The test is on the cause chain, by PostgreSQL's SQLSTATE where there is one, so it does not
 * depend on how Hibernate, Narayana or Agroal wrap the driver's exception.
 */
public final class TransientFailures {
  /** SQLSTATE classes that describe the server or the connection, not the statement. */
  private static final Set<String> TRANSIENT_CLASSES =
      Set.of(
          "08", // connection exception: refused, cut, failed while in use
          "53", // insufficient resources: too many connections, out of memory, disk full
          "57", // operator intervention: shutdown, crash recovery, starting up, cancelled
          "58"); // system error: I/O error

  /** SQLSTATEs of a conflict between transactions that a retry resolves. */
  private static final Set<String> TRANSIENT_STATES =
      Set.of(
          "40001", // serialization_failure
          "40P01", // deadlock_detected
          "55P03"); // lock_not_available

  private TransientFailures() {}

  /** True when something in {@code failure}'s cause chain says "try again later". */
  public static boolean isTransient(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (t instanceof PoisonEventException) {
        return false;
      }
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
        return true;
      }
      if (t instanceof SocketException
          || t instanceof SocketTimeoutException
          || t instanceof EOFException) {
        return true;
      }
    }
    return false;
  }

  /**
   * A missing SQLSTATE is the pool's own failure (Agroal's acquisition timeout has none; the
   * PostgreSQL driver sets one on everything it throws).
   */
  static boolean isTransientState(String state) {
    if (state == null) {
      return true;
    }
    return TRANSIENT_STATES.contains(state)
        || (state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2)));
  }
}
