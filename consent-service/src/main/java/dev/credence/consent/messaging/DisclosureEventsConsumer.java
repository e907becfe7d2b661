package dev.credence.consent.messaging;

import dev.credence.common.events.DisclosureRecorded;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.PoisonEventException;
import dev.credence.common.messaging.ConsumerRetry;
import dev.credence.common.messaging.DeadLetter;
import dev.credence.common.outbox.ProcessedEvents;
import dev.credence.consent.service.AccessLogService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Builds the subjects' access log from scoring's disclosure events, exactly once in effect. The
 * channel delivers what one Kafka poll returned as a batch, and a batch is applied in one
 * transaction (one chain lock, one tail read, one claim of the event ids): every score released is
 * one event here, so per-event transactions cost the log as much CPU as scoring spent on the score
 * (docs/benchmarks.md). A poison event is sent to the dead-letter topic on its own, under its
 * original key with its reason in the {@code dead-letter-reason} header ({@link DeadLetters}); the
 * rest of its batch is applied. A database outage is waited out ({@link ConsumerRetry}): the batch
 * is applied in a fresh transaction once the database is back, so the channel no longer stops (and
 * no longer needs a restart) after a database restart. Any other failure still stops it: the access
 * log must not skip a disclosure.
 */
@ApplicationScoped
public class DisclosureEventsConsumer {
  static final String CONSUMER = "consent.disclosure-events";

  @Inject ProcessedEvents processed;
  @Inject AccessLogService accessLog;
  @Inject ConsumerRetry retry;

  @Inject DeadLetters deadLetters;

  /**
   * An event as it arrived (with its key and coordinates, which go to the dead-letter topic with it
   * if it is poison).
   */
  public record Received(DeadLetter.In in, EventEnvelope envelope) {
    /** An event handed over without its Kafka coordinates (tests, replays). */
    public Received(String json, EventEnvelope envelope) {
      this(DeadLetter.In.of(json), envelope);
    }
  }

  @Incoming("disclosure-events")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    List<DeadLetter.In> polled = new ArrayList<>(records.count());
    for (ConsumerRecord<String, String> r : records) {
      polled.add(new DeadLetter.In(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
    }
    receive(polled);
  }

  /** A batch of message texts without their Kafka coordinates (tests, replays). */
  public void onBatch(List<String> batch) {
    receive(batch.stream().map(DeadLetter.In::of).toList());
  }

  private void receive(List<DeadLetter.In> polled) {
    List<Received> received = new ArrayList<>(polled.size());
    for (DeadLetter.In in : polled) {
      try {
        if (in.json() == null) {
          throw new PoisonEventException("Empty message on the disclosures topic");
        }
        received.add(new Received(in, EventCodec.read(in.json())));
      } catch (PoisonEventException e) {
        deadLetters.send(in, e);
      }
    }
    // checked once, outside the retried transaction: a poison event is dead-lettered once
    Map<UUID, DisclosureRecorded> disclosures = disclosures(received);
    retry.untilApplied(
        CONSUMER, () -> QuarkusTransaction.requiringNew().call(() -> apply(disclosures)));
  }

  /** Applies one envelope; returns true when it had an effect. */
  @Transactional
  public boolean handle(EventEnvelope envelope) {
    return handleAll(List.of(new Received(EventCodec.write(envelope), envelope))) == 1;
  }

  /** Applies events in order; returns how many access-log entries they appended. */
  @Transactional
  public int handleAll(List<Received> received) {
    return apply(disclosures(received));
  }

  /** The disclosures among the events, by event id; poison goes to the dead-letter topic. */
  private Map<UUID, DisclosureRecorded> disclosures(List<Received> received) {
    Map<UUID, DisclosureRecorded> disclosures = new LinkedHashMap<>();
    for (Received r : received) {
      if (!Events.DISCLOSURE_RECORDED.name().equals(r.envelope().type())) {
        continue; // not ours to consume; forward compatible
      }
      try {
        DisclosureRecorded d = EventCodec.payload(r.envelope(), Events.DISCLOSURE_RECORDED);
        if (d.disclosureId() == null
            || d.subjectId() == null
            || d.lenderId() == null
            || d.purpose() == null
            || d.disclosedAt() == null) {
          throw new PoisonEventException(
              "disclosure.recorded lacks disclosureId, subjectId, lenderId, purpose or disclosedAt");
        }
        disclosures.putIfAbsent(r.envelope().eventId(), d);
      } catch (PoisonEventException e) {
        deadLetters.send(r.in(), e);
      }
    }
    return disclosures;
  }

  /** Claims the event ids and appends the fresh disclosures, in the caller's transaction. */
  private int apply(Map<UUID, DisclosureRecorded> disclosures) {
    Set<UUID> fresh = processed.markAllIfNew(CONSUMER, disclosures.keySet());
    return accessLog.appendAll(
        disclosures.entrySet().stream()
            .filter(e -> fresh.contains(e.getKey()))
            .map(Map.Entry::getValue)
            .toList());
  }
}
