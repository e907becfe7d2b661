package dev.credence.ingestion.persistence;

import dev.credence.common.testing.DatabaseSessions;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The service's database sessions run with PostgreSQL's JIT off (`options=-c jit=off`). */
@QuarkusTest
class DatabaseSessionsTest {
  @Inject AgroalDataSource dataSource;

  @Test
  void theSessionsRunWithoutJit() throws Exception {
    DatabaseSessions.assertJitOff(dataSource);
  }
}
