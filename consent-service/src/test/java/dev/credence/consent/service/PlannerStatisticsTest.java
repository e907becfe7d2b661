package dev.credence.consent.service;

import dev.credence.common.testing.PlannerStatistics;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Autovacuum's ANALYZE takes no sample of a column no query filters on: consent-service analyses
 * its access log as it grows with every disclosure, on the same cores as the request path
 * (docs/benchmarks.md, "Planner statistics").
 */
@QuarkusTest
class PlannerStatisticsTest {
  @Test
  void noDocumentHashOrPayloadColumnIsAnalysed() throws Exception {
    PlannerStatistics.assertNoDocumentColumnIsAnalysed(
        "access_log_entry.entry_hash",
        "access_log_entry.prev_hash",
        "consent_receipt.jws",
        "outbox_event.payload");
  }
}
