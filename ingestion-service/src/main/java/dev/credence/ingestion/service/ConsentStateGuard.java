package dev.credence.ingestion.service;

import dev.credence.common.consent.ConsentWatermarkReader;
import dev.credence.ingestion.config.IngestionConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Judges a consent-bound record only while the consent projection is proven fresh: consent-service
 * writes a {@code consent.heartbeat} to every partition of the consent topic through its outbox,
 * behind every change committed before it, and {@code ConsentEventsConsumer} records the latest one
 * applied per partition ({@code consent_watermark}). When the oldest is more than {@code
 * credence.ingestion.consent-state.max-lag} (5 s) old, a {@code COLLECT} revocation may be waiting
 * anywhere between consent-service's commit and this database, and a consent-bound record is
 * rejected ({@code CONSENT_STATE_UNAVAILABLE}, nothing stored) instead of being collected under a
 * consent that may have ended. Records that need no consent are not held up.
 */
@ApplicationScoped
public class ConsentStateGuard {
  @Inject AgroalDataSource dataSource;
  @Inject IngestionConfig config;
  @Inject Clock clock;
  @Inject MeterRegistry meters;

  private ConsentWatermarkReader reader;

  void start(@Observes StartupEvent ignored) {
    IngestionConfig.ConsentState settings = config.consentState();
    reader =
        new ConsentWatermarkReader(
            dataSource, clock, settings.refresh(), settings.maxLag(), "consent-state-reader");
    reader.start(meters, "credence.ingestion.consent.lag");
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

  /** Whether consent-bound records may be judged at {@code now}. */
  public boolean fresh(Instant now) {
    return !config.consentState().enforce() || reader.freshAt(now);
  }

  /**
   * Waits (a CSV job's thread) until the state is fresh or {@code credence.ingestion
   * .consent-state.job-wait} has passed; true when it is fresh.
   */
  public boolean awaitFresh() {
    long deadline = System.nanoTime() + config.consentState().jobWait().toNanos();
    long pause = Math.max(10, config.consentState().refresh().toMillis());
    while (!fresh(clock.instant())) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** The limit in force (for messages). */
  public Duration maxLag() {
    return config.consentState().maxLag();
  }
}
