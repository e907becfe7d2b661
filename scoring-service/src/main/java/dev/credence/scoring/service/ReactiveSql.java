package dev.credence.scoring.service;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlConnectOptions;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What the score path's statements need to run on the reactive client as well as on JDBC: one SQL
 * text for both (JDBC's {@code ?} numbered into PostgreSQL's {@code $n}), and the client's failures
 * told apart the way the rest of the service tells JDBC's ({@code TransientFailures}: a SQLSTATE
 * that blames the statement is a fault, anything else — a refused or cut connection — is the
 * database being unavailable, answered 503).
 */
final class ReactiveSql {
  private ReactiveSql() {}

  /**
   * {@code sql} with each {@code ?} outside a quoted literal or identifier replaced by {@code $1},
   * {@code $2}, … in order (a doubled quote inside a literal toggles twice, so it stays inside).
   *
   * <p>Refuses a text the client would not keep prepared: it caches a statement only when its SQL
   * is shorter than {@link SqlConnectOptions#DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT} (2,048
   * characters), and sends a longer one to be parsed, analysed and planned again on every
   * execution. The release insert was 2,487 characters until 2026-11-30, and PostgreSQL spent more
   * time planning it than its cheap reads took in all (docs/benchmarks.md). A statement constant
   * built from this fails its class's initialisation, so the service does not start with one.
   */
  static String numbered(String sql) {
    String numbered = numberedUnchecked(sql);
    if (!SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_FILTER.test(numbered)) {
      throw new IllegalArgumentException(
          "a statement of "
              + numbered.length()
              + " characters would be parsed and planned on every execution: the client keeps"
              + " prepared only those shorter than "
              + SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT);
    }
    return numbered;
  }

  private static String numberedUnchecked(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + 16);
    int n = 0;
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        out.append(c);
      } else if (c == '\'' || c == '"') {
        quote = c;
        out.append(c);
      } else if (c == '?') {
        out.append('$').append(++n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** An instant as the reactive client binds a {@code timestamptz} parameter. */
  static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * The client's failure as a {@link SQLException}: PostgreSQL's SQLSTATE when the server answered,
   * none (the connection failed: transient) when it did not. The message names the class only; the
   * server's own message can quote the statement's values.
   */
  static SQLException failure(Throwable e) {
    if (e instanceof SQLException sql) {
      return sql;
    }
    String state = e instanceof PgException pg ? pg.getSqlState() : null;
    return new SQLException(
        "The database failed the score path's statement (" + e.getClass().getSimpleName() + ")",
        state,
        e);
  }
}
