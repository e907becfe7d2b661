package dev.credence.consent.messaging;

import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.messaging.ConsumerRetry;
import dev.credence.common.outbox.ProcessedEvents;
import dev.credence.consent.service.DisputeService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows ingestion's records topic for {@code dispute.updated} (the other record events are not
 * consent-service's concern), exactly once in effect and highest sequence wins. A database outage
 * is waited out ({@link ConsumerRetry}), one fresh transaction per attempt.
 */
@ApplicationScoped
public class RecordEventsConsumer {
  static final String CONSUMER = "consent.record-events";

  @Inject ProcessedEvents processed;
  @Inject DisputeService disputes;
  @Inject ConsumerRetry retry;

  @Incoming("record-events")
  @Blocking
  public void onMessage(String json) {
    EventEnvelope envelope = EventCodec.read(json);
    retry.untilApplied(
        CONSUMER, () -> QuarkusTransaction.requiringNew().call(() -> handle(envelope)));
  }

  /** Applies one envelope; returns true when it changed a dispute. */
  @Transactional
  public boolean handle(EventEnvelope envelope) {
    if (!Events.DISPUTE_UPDATED.name().equals(envelope.type())) {
      return false;
    }
    var update = EventCodec.payload(envelope, Events.DISPUTE_UPDATED);
    if (!processed.markIfNew(CONSUMER, envelope.eventId())) {
      return false;
    }
    return disputes.apply(update);
  }
}
