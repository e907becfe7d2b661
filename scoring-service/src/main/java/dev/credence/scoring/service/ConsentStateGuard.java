package dev.credence.scoring.service;

import dev.credence.common.consent.ConsentFreshness;
import dev.credence.common.consent.ConsentWatermarkReader;
import dev.credence.common.problem.ProblemException;
import dev.credence.scoring.config.ScoringConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Releases a score only while the consent projection is proven fresh: consent-service writes a
 * {@code consent.heartbeat} to every partition of the consent topic through its outbox, behind
 * every consent change committed before it, and the consumer records the latest one applied per
 * partition ({@code consent_watermark}). When the oldest of them is more than {@code
 * credence.scoring.consent-state.max-lag} (1 s) old, some revocation may be waiting anywhere
 * between consent-service's commit and this database, and nothing is released: 503 {@code
 * consent-state-unavailable}. This holds whatever broke on the way (broker, relay, consumer,
 * consent-service), which the direct revocation path alone did not.
 *
 * <p>Each replica reads the table every {@code refresh} (100 ms) on a thread of its own and checks
 * requests against what it read, one comparison per request; a failed read leaves the last state,
 * which only ages, so an unreadable table fails closed too.
 */
@ApplicationScoped
public class ConsentStateGuard {
  @Inject AgroalDataSource dataSource;
  @Inject ScoringConfig config;
  @Inject Clock clock;
  @Inject MeterRegistry meters;

  private ConsentWatermarkReader reader;

  void start(@Observes StartupEvent ignored) {
    reader =
        new ConsentWatermarkReader(
            dataSource,
            clock,
            config.consentState().refresh(),
            config.consentState().maxLag(),
            "consent-state-reader");
    reader.start(meters, "credence.scoring.consent.lag");
  }

  void stop(@Observes ShutdownEvent ignored) {
    if (reader != null) {
      reader.stop();
    }
  }

  /** Reads the watermarks now (the reader thread does it every {@code refresh}). */
  public void refresh() throws SQLException {
    reader.refresh();
  }

  /** What the last read proved. */
  public ConsentFreshness.State state() {
    return reader.state();
  }

  /** Whether the state has been fresh at least once since this replica started (readiness). */
  public boolean everFresh() {
    return !config.consentState().enforce() || reader.everFresh();
  }

  /**
   * Refuses (503 consent-state-unavailable) unless the consent state is proven fresh at {@code
   * now}.
   */
  public void requireFresh(Instant now) {
    if (!config.consentState().enforce()) {
      return;
    }
    String stale = reader.staleness(now);
    if (stale == null) {
      return;
    }
    throw new ProblemException(
        ScoringProblems.CONSENT_STATE_UNAVAILABLE,
        stale
            + ", so a revocation may not have reached scoring; no score is released until it"
            + " has. Try again later.",
        Map.of("maxLagMillis", reader.maxLag().toMillis()));
  }
}
