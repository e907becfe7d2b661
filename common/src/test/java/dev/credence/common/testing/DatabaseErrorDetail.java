package dev.credence.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * For the services' tests (shared through this module's test jar): a statement that breaks a
 * constraint on a row holding a personal value fails, and nothing of the failure, whole stack trace
 * included, quotes the row. PostgreSQL's error detail does ("Failing row contains (...)"); the
 * services' datasources set the driver's {@code logServerErrorDetail=false} so that it stays out of
 * every exception message, and so out of every log line a framework writes about it.
 */
public final class DatabaseErrorDetail {
  static final String CANARY = "LEAKCANARY-123-45-6789";

  private DatabaseErrorDetail() {}

  public static void assertRowNotQuoted(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create temp table if not exists leak_probe (v text check (v not like 'LEAK%'))");
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> s.execute("insert into leak_probe values ('" + CANARY + "')"));
      assertEquals("23514", e.getSQLState(), "a check violation");
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertFalse(trace.toString().contains(CANARY), trace.toString());
    }
  }
}
