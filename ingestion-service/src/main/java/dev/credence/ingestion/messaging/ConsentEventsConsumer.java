package dev.credence.ingestion.messaging;

import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.PoisonEventException;
import dev.credence.ingestion.service.ConsentProjection;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes consent-service's events ({@code credence.topics.consent}) into the local projection.
 * Poison (unparseable, unknown version, incomplete payload) is nacked at once and goes to the
 * dead-letter topic with the reason; other failures (the database is briefly away) are retried here
 * before giving up. Logs carry event ids and types only, never personal data.
 */
@ApplicationScoped
public class ConsentEventsConsumer {
  private static final Logger LOG = Logger.getLogger(ConsentEventsConsumer.class);
  private static final int ATTEMPTS = 6;
  private static final long FIRST_BACKOFF_MILLIS = 200;

  @Inject ConsentProjection projection;

  @Incoming("consent-events")
  @Blocking
  public void consume(String value) {
    if (value == null) {
      return; // a tombstone: nothing to apply
    }
    handle(EventCodec.read(value));
  }

  /** Applies one envelope; true when it had an effect. */
  public boolean handle(EventEnvelope envelope) {
    long backoff = FIRST_BACKOFF_MILLIS;
    for (int attempt = 1; ; attempt++) {
      try {
        return projection.apply(envelope);
      } catch (PoisonEventException e) {
        LOG.warnf("Poison event %s (%s): %s", envelope.eventId(), envelope.type(), e.getMessage());
        throw e;
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS) {
          LOG.errorf(
              "Event %s (%s) failed %d times; dead-lettering: %s",
              envelope.eventId(), envelope.type(), attempt, e.toString());
          throw e;
        }
        LOG.warnf(
            "Event %s (%s) failed (attempt %d), retrying in %d ms: %s",
            envelope.eventId(), envelope.type(), attempt, backoff, e.toString());
        sleep(backoff);
        backoff *= 2;
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while retrying an event", e);
    }
  }
}
