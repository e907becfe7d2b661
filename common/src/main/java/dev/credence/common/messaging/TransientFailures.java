package dev.credence.common.messaging;

import dev.credence.common.events.PoisonEventException;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

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

  /** True when something in {@code failure}'s cause chain says "try again later". */
  public static boolean isTransient(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (t instanceof PoisonEventException) {
        return false;
      }
      if (t instanceof SQLException sql) {
        return isTransientState(sql.getSQLState());
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
