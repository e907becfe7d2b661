package dev.credence.scoring.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.credence.common.testing.DatabaseSessions;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Both of scoring's ways into PostgreSQL run with JIT off: the JDBC datasource ({@code options=-c
 * jit=off}) and the score path's reactive pool ({@code jit=off} in its start-up message), whose
 * file read was the statement that compiled on every execution.
 */
@QuarkusTest
class DatabaseSessionsTest {
  @Inject AgroalDataSource dataSource;
  @Inject Pool pool;

  @Test
  void theJdbcSessionsRunWithoutJit() throws Exception {
    DatabaseSessions.assertJitOff(dataSource);
  }

  @Test
  void theReactiveSessionsRunWithoutJit() {
    String jit =
        pool.query("show jit")
            .execute()
            .await()
            .atMost(Duration.ofSeconds(10))
            .iterator()
            .next()
            .getString(0);
    assertEquals("off", jit, "jit in the score path's reactive sessions");
  }
}
