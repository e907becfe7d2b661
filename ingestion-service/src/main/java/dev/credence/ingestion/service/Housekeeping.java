package dev.credence.ingestion.service;

import dev.credence.common.messaging.Failures;
import dev.credence.ingestion.config.IngestionConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The scheduled, idempotent jobs: unanswered disputes are suppressed, ended consents erase what
 * they covered, negative items age out. Each runs in its own transaction; a run that finds nothing
 * changes nothing.
 */
@ApplicationScoped
public class Housekeeping {
  private static final Logger LOG = Logger.getLogger(Housekeeping.class);

  @Inject DisputeService disputes;
  @Inject ErasureService erasure;
  @Inject RetentionService retention;

  @Inject IngestionConfig config;

  @Scheduled(
      every = "${credence.ingestion.housekeeping.every:15m}",
      delay = 30,
      delayUnit = java.util.concurrent.TimeUnit.SECONDS,
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void run() {
    if (!config.housekeeping().enabled()) {
      return;
    }
    try {
      int suppressed = disputes.suppressOverdue();
      int erased = erasure.sweepEndedConsents();
      int agedOut = retention.ageOut();
      if (suppressed + erased + agedOut > 0) {
        LOG.infof(
            "Housekeeping: %d suppressed, %d erased, %d aged out", suppressed, erased, agedOut);
      }
    } catch (RuntimeException e) {
      LOG.warnf("Housekeeping failed, will retry next run: %s", Failures.describe(e));
    }
  }
}
