package dev.credence.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Both of scoring's ways into PostgreSQL run with JIT off: on a skewed table the generic plan of
 * the score path's file read crossed {@code jit_above_cost} and compiled on every execution, ~10 ms
 * for a 0.1 ms read (docs/benchmarks.md, "PostgreSQL's JIT on a skewed file"). The server's default
 * here is on, so a setting that stopped reaching the sessions would show.
 */
@QuarkusTest
class DatabaseSessionSettingsTest {
  @Inject AgroalDataSource dataSource;
  @Inject Pool pool;

  @Test
  void theJdbcSessionsRunWithoutJit() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show jit")) {
      rs.next();
      assertEquals("off", rs.getString(1));
    }
  }

  @Test
  void theReactiveSessionsRunWithoutJit() {
    Row row =
        pool.query("show jit").execute().await().atMost(Duration.ofSeconds(10)).iterator().next();
    assertEquals("off", row.getString(0));
  }
}
