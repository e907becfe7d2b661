package dev.credence.ingestion.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The service's database sessions run with JIT off (options=-c jit=off on the datasource): on a
 * skewed table the generic plan of a few-row look-up can cross jit_above_cost and compile on every
 * execution (docs/benchmarks.md, "PostgreSQL's JIT on a skewed file"). The server's default here is
 * on, so a setting that stopped reaching the sessions would show.
 */
@QuarkusTest
class DatabaseSessionSettingsTest {
  @Inject AgroalDataSource dataSource;

  @Test
  void theSessionsRunWithoutJit() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show jit")) {
      rs.next();
      assertEquals("off", rs.getString(1));
    }
  }
}
