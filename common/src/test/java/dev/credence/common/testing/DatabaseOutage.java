package dev.credence.common.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a database restart or failover does to a service's connection pool, for the services' tests
 * (shared through this module's test jar): PostgreSQL ends every session the service's user holds
 * on its database, so the next statement on a pooled connection fails with SQLSTATE 08006 or 57P01.
 * The caller flushes its pool afterwards, so no dead connection is left for later tests.
 */
public final class DatabaseOutage {
  private DatabaseOutage() {}

  /** Ends every other session of {@code user} on the database of {@code url}; returns how many. */
  public static int endSessions(String url, String user, String password) throws SQLException {
    try (Connection admin = DriverManager.getConnection(url, user, password);
        Statement st = admin.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
                    + " where datname = current_database() and usename = current_user"
                    + " and pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
