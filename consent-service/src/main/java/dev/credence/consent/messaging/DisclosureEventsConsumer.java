package dev.credence.consent.messaging;

import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.outbox.ProcessedEvents;
import dev.credence.consent.service.AccessLogService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Builds the subjects' access log from scoring's disclosure events, exactly once in effect. */
@ApplicationScoped
public class DisclosureEventsConsumer {
  static final String CONSUMER = "consent.disclosure-events";

  @Inject ProcessedEvents processed;
  @Inject AccessLogService accessLog;

  @Incoming("disclosure-events")
  @Blocking
  @Transactional
  public void onMessage(String json) {
    handle(EventCodec.read(json));
  }

  /** Applies one envelope; returns true when it had an effect. */
  @Transactional
  public boolean handle(EventEnvelope envelope) {
    if (!Events.DISCLOSURE_RECORDED.name().equals(envelope.type())) {
      return false; // not ours to consume; forward compatible
    }
    var disclosure = EventCodec.payload(envelope, Events.DISCLOSURE_RECORDED);
    if (!processed.markIfNew(CONSUMER, envelope.eventId())) {
      return false;
    }
    return accessLog.append(disclosure);
  }
}
