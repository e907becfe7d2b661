package dev.credence.scoring.messaging;

import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.PoisonEventException;
import dev.credence.common.messaging.ConsumerRetry;
import dev.credence.common.messaging.DeadLetter;
import dev.credence.scoring.service.ProjectionService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * ingestion-service's record events ({@code record.accepted}, {@code record.withdrawn}, {@code
 * dispute.updated}) into the subject record projection.
 *
 * <p>The channel delivers what one Kafka poll returned, and the whole poll is applied in one
 * transaction (each event with its processed-event mark, in order): one commit per poll instead of
 * one per event. One event per transaction, the consumer applied ~290 events a second on the AMD
 * EPYC machine while ingestion accepted 3,000 a second, and a 1,000,000-record intake left scoring
 * an hour behind (docs/benchmarks.md, "The record consumer"). When the poll holds a poison event
 * its transaction rolls back and the poll is applied again one event at a time: the poison goes to
 * the dead-letter topic with its reason, the rest is applied. A database outage is waited out
 * ({@link ConsumerRetry}); anything else stops the channel (health DOWN, the pod restarts from the
 * last committed offset).
 */
@ApplicationScoped
public class RecordEventsConsumer {
  @Inject ProjectionService projections;
  @Inject ConsumerRetry retry;
  @Inject DeadLetters deadLetters;

  /** On a worker pool of its own, so score requests cannot starve it. */
  @Incoming("record-events")
  @Blocking("record-projection")
  public void consume(ConsumerRecords<String, String> records) {
    List<DeadLetter.In> polled = new ArrayList<>(records.count());
    for (ConsumerRecord<String, String> r : records) {
      polled.add(new DeadLetter.In(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
    }
    apply(polled);
  }

  /**
   * One message as Kafka delivers it (tests).
   *
   * @throws PoisonEventException when it is poison (the channel dead-letters it)
   */
  public void consume(String json) {
    EventEnvelope event = read(json);
    retry.untilApplied(
        ProjectionService.RECORD_CONSUMER, () -> projections.applyRecordEvent(event));
  }

  /** Applies a poll; returns how many events had an effect. */
  int apply(List<DeadLetter.In> polled) {
    List<DeadLetter.In> readable = new ArrayList<>(polled.size());
    List<EventEnvelope> events = new ArrayList<>(polled.size());
    for (DeadLetter.In in : polled) {
      try {
        events.add(read(in.json()));
        readable.add(in);
      } catch (PoisonEventException e) {
        deadLetters.send(in, e);
      }
    }
    if (events.isEmpty()) {
      return 0;
    }
    try {
      return retry.untilApplied(
          ProjectionService.RECORD_CONSUMER, () -> projections.applyRecordEvents(events));
    } catch (PoisonEventException e) {
      // one of them is poison (found while applying): nothing of the poll was kept; one at a time
      int applied = 0;
      for (int i = 0; i < events.size(); i++) {
        EventEnvelope event = events.get(i);
        try {
          if (retry.untilApplied(
              ProjectionService.RECORD_CONSUMER, () -> projections.applyRecordEvent(event))) {
            applied++;
          }
        } catch (PoisonEventException poison) {
          deadLetters.send(readable.get(i), poison);
        }
      }
      return applied;
    }
  }

  private static EventEnvelope read(String json) {
    if (json == null) {
      throw new PoisonEventException("Empty message on the records topic");
    }
    return EventCodec.read(json);
  }
}
