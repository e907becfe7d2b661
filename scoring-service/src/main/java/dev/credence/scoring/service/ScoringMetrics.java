package dev.credence.scoring.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code credence.scoring.requests{outcome}}: scored, no_score, or the refusal's problem type
 * (consent_required, consent_usage_exhausted, unknown_subject, …). Labels carry no personal data.
 */
@ApplicationScoped
public class ScoringMetrics {
  @Inject MeterRegistry registry;

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public void released(DisclosureView view) {
    count(view.outcome());
  }

  public void refused(String problemSlug) {
    count(problemSlug);
  }

  private void count(String outcome) {
    String tag = outcome.toLowerCase(Locale.ROOT).replace('-', '_');
    counters
        .computeIfAbsent(
            tag,
            t ->
                Counter.builder("credence.scoring.requests")
                    .description("Score requests by outcome")
                    .tag("outcome", t)
                    .register(registry))
        .increment();
  }
}
