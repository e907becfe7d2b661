package dev.credence.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * For the services' tests (shared through this module's test jar): the settings every service's
 * database sessions must run with. PostgreSQL's JIT is off (the datasources' {@code options=-c
 * jit=off}): on a skewed table the generic plan of a few-row look-up can cross {@code
 * jit_above_cost} and compile on every execution, ~10 ms for a 0.1 ms read (docs/benchmarks.md,
 * "PostgreSQL's JIT on a skewed file"). The server's default here is on, so a setting that stopped
 * reaching the sessions shows.
 */
public final class DatabaseSessions {
  private DatabaseSessions() {}

  public static void assertJitOff(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show jit")) {
      rs.next();
      assertEquals("off", rs.getString(1), "jit in the service's database sessions");
    }
  }
}
