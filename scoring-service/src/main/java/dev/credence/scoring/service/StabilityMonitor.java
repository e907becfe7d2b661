package dev.credence.scoring.service;

import dev.credence.common.problem.ProblemException;
import dev.credence.scoring.config.ScoringConfig;
import dev.credence.scoring.domain.PopulationStability.Index;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Live stability of the person champion as metrics, for an alert: every {@code
 * credence.scoring.stability.metric-every} (15 min) each replica computes {@link StabilityService}
 * over the last {@code metric-window} (7 days) and publishes {@code
 * credence_scoring_stability_psi{model, index}} ({@code index} is {@code score} or a feature name)
 * and {@code credence_scoring_stability_scores{model}}. The PSI gauges are dropped while the window
 * holds fewer than {@code min-scores} scores or the model has no development population, so an
 * alert never fires on too little evidence. Every replica reads the same rows and reports the same
 * figures; the rule takes the maximum.
 */
@ApplicationScoped
public class StabilityMonitor {
  private static final Logger LOG = Logger.getLogger(StabilityMonitor.class);

  @Inject StabilityService stability;
  @Inject ModelCatalog catalog;
  @Inject MeterRegistry meters;
  @Inject Clock clock;

  @Inject ScoringConfig config;

  private MultiGauge psi;
  private MultiGauge scores;
  private volatile StabilityService.Report last;

  @PostConstruct
  void init() {
    psi =
        MultiGauge.builder("credence.scoring.stability.psi")
            .description(
                "Population stability index of the champion's released scores (index=score) and"
                    + " of each feature against its development population, over the metric window")
            .register(meters);
    scores =
        MultiGauge.builder("credence.scoring.stability.scores")
            .description("Released scores the stability gauges are computed from")
            .register(meters);
  }

  @Scheduled(
      every = "${credence.scoring.stability.metric-every}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // the class and SQLSTATE only: nothing of a row
      LOG.warnf("Stability metrics not refreshed: %s", e.getClass().getSimpleName());
    }
  }

  /** Computes the champion's stability now and publishes it; the report, if there is one. */
  public Optional<StabilityService.Report> refresh() {
    String model = catalog.personModel().key();
    Instant to = clock.instant();
    StabilityService.Report report;
    try {
      report =
          stability.stability(
              model,
              to.minus(config.stability().metricWindow()),
              to,
              config.stability().metricMaxScores());
    } catch (ProblemException e) {
      // no development population (a hand-made model): nothing to publish
      psi.register(List.of(), true);
      scores.register(List.of(), true);
      last = null;
      return Optional.empty();
    }
    scores.register(
        List.of(MultiGauge.Row.of(Tags.of("model", model), (double) report.scores())), true);
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    if (!"INSUFFICIENT_DATA".equals(report.assessment())) {
      rows.add(row(model, report.score()));
      report.features().forEach(f -> rows.add(row(model, f)));
    }
    psi.register(rows, true);
    last = report;
    return Optional.of(report);
  }

  private static MultiGauge.Row<?> row(String model, Index index) {
    return MultiGauge.Row.of(Tags.of("model", model, "index", index.name()), index.psi());
  }

  /** The last published report (tests and diagnostics). */
  public StabilityService.Report last() {
    return last;
  }
}
