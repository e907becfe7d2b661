package dev.credence.ingestion.service;

import dev.credence.common.testing.PlannerStatistics;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Autovacuum's ANALYZE takes no sample of a column no query filters on: ingestion analyses its
 * records as they grow with every load, on the same cores as the request path (docs/benchmarks.md,
 * "Planner statistics").
 */
@QuarkusTest
class PlannerStatisticsTest {
  @Test
  void noDocumentHashOrPayloadColumnIsAnalysed() throws Exception {
    PlannerStatistics.assertNoDocumentColumnIsAnalysed(
        "furnished_record.content_hash", "furnished_record.data", "outbox_event.payload");
  }
}
