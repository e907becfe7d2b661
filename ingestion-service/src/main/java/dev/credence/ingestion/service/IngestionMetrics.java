package dev.credence.ingestion.service;

import dev.credence.ingestion.domain.Outcome;
import dev.credence.ingestion.domain.ReasonCode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Counters with bounded, non-personal labels only (outcome, reason code, refusal rule). */
@ApplicationScoped
public class IngestionMetrics {
  @Inject MeterRegistry registry;

  /** {@code credence.ingestion.records{outcome, reason}}: one per processed record. */
  public void record(Outcome outcome, ReasonCode reason) {
    registry
        .counter(
            "credence.ingestion.records",
            "outcome",
            outcome.name(),
            "reason",
            reason == null ? "NONE" : reason.name())
        .increment();
  }

  /** {@code credence.ingestion.requests.refused{reason}}: a whole request refused. */
  public void refused(String reason) {
    registry.counter("credence.ingestion.requests.refused", "reason", reason).increment();
  }
}
