package dev.credence.scoring.service;

import dev.credence.common.problem.ProblemException;
import dev.credence.scoring.config.ScoringConfig;
import dev.credence.scoring.domain.ConsentFreshness;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

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
  private static final Logger LOG = Logger.getLogger(ConsentStateGuard.class);

  @Inject AgroalDataSource dataSource;
  @Inject ScoringConfig config;
  @Inject Clock clock;
  @Inject MeterRegistry meters;

  private volatile ConsentFreshness.State state = ConsentFreshness.State.UNKNOWN;
  private volatile boolean everFresh;
  private volatile boolean running;
  private Thread reader;

  void start(@Observes StartupEvent ignored) {
    Gauge.builder("credence.scoring.consent.lag", this, ConsentStateGuard::lagSeconds)
        .description(
            "How far behind the consent projection is proven to be (+Inf while no heartbeat has"
                + " been applied on every partition)")
        .baseUnit("seconds")
        .register(meters);
    running = true;
    reader = new Thread(this::loop, "consent-state-reader");
    reader.setDaemon(true);
    reader.start();
  }

  void stop(@Observes ShutdownEvent ignored) {
    running = false;
    if (reader != null) {
      reader.interrupt();
    }
  }

  private void loop() {
    long pause = Math.max(10, config.consentState().refresh().toMillis());
    while (running) {
      try {
        refresh();
      } catch (SQLException | RuntimeException e) {
        LOG.debugf("Reading the consent watermarks failed: %s", e.getClass().getSimpleName());
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Reads the watermarks now (the reader thread does it every {@code refresh}). Serialized, so two
   * reads cannot land out of order: a read that started before a marker was applied never replaces
   * the state a later read found.
   */
  public synchronized void refresh() throws SQLException {
    List<ConsentFreshness.Mark> marks = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "select partition_no, partitions, heartbeat_at from consent_watermark");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        marks.add(
            new ConsentFreshness.Mark(
                rows.getInt(1),
                rows.getInt(2),
                rows.getObject(3, OffsetDateTime.class).toInstant()));
      }
    }
    ConsentFreshness.State read = ConsentFreshness.of(marks);
    state = read;
    if (!everFresh && read.freshAt(Instant.now(clock), config.consentState().maxLag())) {
      everFresh = true;
      LOG.infof("Consent state is current on all %d partitions", read.partitions());
    }
  }

  /** What the last read proved. */
  public ConsentFreshness.State state() {
    return state;
  }

  /** Whether the state has been fresh at least once since this replica started (readiness). */
  public boolean everFresh() {
    return everFresh || !config.consentState().enforce();
  }

  double lagSeconds() {
    Duration lag = state.lag(Instant.now(clock));
    return lag == null ? Double.POSITIVE_INFINITY : Math.max(0, lag.toMillis() / 1000.0);
  }

  /**
   * Refuses (503 consent-state-unavailable) unless the consent state is proven fresh at {@code
   * now}.
   */
  public void requireFresh(Instant now) {
    if (!config.consentState().enforce()) {
      return;
    }
    ConsentFreshness.State current = state;
    Duration limit = config.consentState().maxLag();
    if (current.freshAt(now, limit)) {
      return;
    }
    Duration lag = current.lag(now);
    String detail =
        lag == null
            ? (current.partitions() == 0
                ? "No consent-service heartbeat has been applied yet"
                : "No consent-service heartbeat has been applied yet on "
                    + current.missing()
                    + " of the consent topic's "
                    + current.partitions()
                    + " partitions")
            : "Consent changes are proven applied only up to "
                + lag.toMillis()
                + " ms ago (limit "
                + limit.toMillis()
                + " ms)";
    throw new ProblemException(
        ScoringProblems.CONSENT_STATE_UNAVAILABLE,
        detail
            + ", so a revocation may not have reached scoring; no score is released until it"
            + " has. Try again later.",
        Map.of("maxLagMillis", limit.toMillis()));
  }
}
