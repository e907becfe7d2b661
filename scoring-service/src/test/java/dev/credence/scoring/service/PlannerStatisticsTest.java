package dev.credence.scoring.service;

import dev.credence.common.testing.PlannerStatistics;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Autovacuum's ANALYZE takes no sample of a column no query filters on: scoring analyses its
 * disclosures, inquiries and outbox rows as they grow with every score, on the same cores as the
 * request path (docs/benchmarks.md, "Planner statistics").
 */
@QuarkusTest
class PlannerStatisticsTest {
  @Test
  void noDocumentHashOrPayloadColumnIsAnalysed() throws Exception {
    PlannerStatistics.assertNoDocumentColumnIsAnalysed(
        "disclosure.features",
        "disclosure.reason_codes",
        "disclosure.snapshot_hash",
        "outbox_event.payload");
  }
}
