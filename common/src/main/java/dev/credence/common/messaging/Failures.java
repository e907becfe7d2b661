package dev.credence.common.messaging;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

/** Failures as they may be logged: class and SQLSTATE, never a message (it can quote values). */
public final class Failures {
  private Failures() {}

  /** The innermost SQL failure's class and SQLSTATE, else the failure's own class. */
  public static String describe(Throwable failure) {
    String described = failure.getClass().getSimpleName();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        described = t.getClass().getSimpleName() + " SQLSTATE " + sql.getSQLState();
      }
    }
    return described;
  }
}
