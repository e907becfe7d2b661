package dev.credence.consent.messaging;

import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.EventHeaders;
import dev.credence.common.events.Events;
import dev.credence.common.events.PoisonEventException;
import dev.credence.common.messaging.ConsumerRetry;
import dev.credence.common.messaging.DeadLetter;
import dev.credence.common.outbox.ProcessedEvents;
import dev.credence.consent.service.DisputeService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows ingestion's records topic for {@code dispute.updated} (the other record events are not
 * consent-service's concern), exactly once in effect and highest sequence wins.
 *
 * <p>The topic carries every accepted record, so this consumer sees as many events as ingestion
 * accepts and must cost next to nothing per event it does not want. The channel delivers a whole
 * poll; an event whose {@link EventHeaders#TYPE} header names another type is passed over without
 * being parsed, and no transaction is opened for it. Delivered one message at a time, each parsed
 * and given a transaction of its own, this consumer took a third of a core while ingestion streamed
 * ~6,400 records/s on two cores (docs/benchmarks.md, "The records topic's second reader"). An event
 * without the header (published before it existed) is parsed as before.
 *
 * <p>A dispute update is applied in a fresh transaction of its own, in poll order. A poison event
 * goes to the dead-letter topic with its reason ({@link DeadLetters}); a database outage is waited
 * out ({@link ConsumerRetry}); anything else stops the channel (health DOWN, the pod restarts from
 * the last committed offset).
 */
@ApplicationScoped
public class RecordEventsConsumer {
  static final String CONSUMER = "consent.record-events";

  @Inject ProcessedEvents processed;
  @Inject DisputeService disputes;
  @Inject ConsumerRetry retry;
  @Inject DeadLetters deadLetters;

  @Incoming("record-events")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    for (ConsumerRecord<String, String> r : records) {
      String type = EventHeaders.type(r.headers());
      if (type != null && !Events.DISPUTE_UPDATED.name().equals(type)) {
        continue; // another type: not read at all
      }
      receive(new DeadLetter.In(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
    }
  }

  /**
   * One message: applied when it is a dispute update, dead-lettered when it is poison.
   *
   * @return true when it changed a dispute
   */
  public boolean receive(DeadLetter.In in) {
    try {
      if (in.json() == null) {
        throw new PoisonEventException("Empty message on the records topic");
      }
      EventEnvelope envelope = EventCodec.read(in.json());
      if (!Events.DISPUTE_UPDATED.name().equals(envelope.type())) {
        return false;
      }
      return retry.untilApplied(
          CONSUMER, () -> QuarkusTransaction.requiringNew().call(() -> handle(envelope)));
    } catch (PoisonEventException e) {
      deadLetters.send(in, e);
      return false;
    }
  }

  /** Applies one envelope; returns true when it changed a dispute. */
  @Transactional
  public boolean handle(EventEnvelope envelope) {
    if (!Events.DISPUTE_UPDATED.name().equals(envelope.type())) {
      return false;
    }
    var update = EventCodec.payload(envelope, Events.DISPUTE_UPDATED);
    if (update.disputeId() == null || update.subjectId() == null || update.status() == null) {
      // poison, not a reason to stop the channel: the dead-letter topic keeps it with the reason
      throw new PoisonEventException("dispute.updated lacks disputeId, subjectId or status");
    }
    if (!processed.markIfNew(CONSUMER, envelope.eventId())) {
      return false;
    }
    return disputes.apply(update);
  }
}
