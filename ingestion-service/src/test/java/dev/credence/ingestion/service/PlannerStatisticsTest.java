package dev.credence.ingestion.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.testing.PlannerStatistics;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
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
    List<String> documents = PlannerStatistics.documentColumns();
    assertTrue(
        documents.containsAll(
            List.of(
                "furnished_record.content_hash", "furnished_record.data", "outbox_event.payload")),
        "the rule sees the schema's document columns: " + documents);
    assertEquals(List.of(), PlannerStatistics.documentColumnsStillAnalysed());
  }
}
