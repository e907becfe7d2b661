package dev.credence.ingestion.messaging;

import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.PoisonEventException;
import dev.credence.common.messaging.ConsumerRetry;
import dev.credence.ingestion.service.ConsentProjection;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes consent-service's events ({@code credence.topics.consent}) into the local projection.
 * Poison (unparseable, unknown version, incomplete payload) is nacked at once and goes to the
 * dead-letter topic with the reason. A database outage is waited out ({@link ConsumerRetry}): the
 * event is applied once the database is back, never dead-lettered, since a skipped grant or
 * revocation would leave the ingestion gate wrong. Logs carry event ids and types only, never
 * personal data.
 */
@ApplicationScoped
public class ConsentEventsConsumer {
  private static final Logger LOG = Logger.getLogger(ConsentEventsConsumer.class);

  @Inject ConsentProjection projection;
  @Inject ConsumerRetry retry;

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
    if (Events.CONSENT_HEARTBEAT.name().equals(envelope.type())) {
      // scoring's freshness markers, 24 a second: nothing to apply here, so no transaction
      return false;
    }
    try {
      return retry.untilApplied(ConsentProjection.CONSUMER, () -> projection.apply(envelope));
    } catch (PoisonEventException e) {
      LOG.warnf("Poison event %s (%s): %s", envelope.eventId(), envelope.type(), e.getMessage());
      throw e;
    }
  }
}
