package dev.credence.consent.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Publishes expiry as events. Expiry is enforced by time on every read and by every consumer; this
 * job only makes the stored status and the event stream catch up.
 */
@ApplicationScoped
public class ConsentExpiryJob {
  @Inject ConsentService consents;

  @Scheduled(
      every = "${credence.consent.expiry-check-interval:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void expire() {
    while (consents.expireDue() == 500) {
      // keep going until fewer than a page was due
    }
  }
}
