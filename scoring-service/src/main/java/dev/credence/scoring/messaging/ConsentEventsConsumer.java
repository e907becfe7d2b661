package dev.credence.scoring.messaging;

import dev.credence.common.events.ConsentHeartbeat;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.PoisonEventException;
import dev.credence.common.messaging.ConsumerRetry;
import dev.credence.common.messaging.DeadLetter;
import dev.credence.scoring.service.ProjectionService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * consent-service's events into the local consent projection ({@code subject.registered}, {@code
 * consent.changed}, officer links, erasure requests), and its {@code consent.heartbeat} markers
 * into the projection's watermark for the partition they arrived on.
 *
 * <p>The channel delivers what one Kafka poll returned, and the consumer works through it in order
 * on a worker thread of its own: each change in its own transaction with its processed-event mark,
 * as before; the markers, four a second on every partition, are collapsed to the latest per
 * partition and applied together after the changes that preceded them. One event at a time, each
 * marker cost a trip through the event loop, a worker and a transaction, and on a saturated machine
 * the consumer fell 35 s behind (docs/benchmarks.md, "The consent consumer under load").
 *
 * <p>A malformed marker, or a message that is no event envelope at all (consent-service writes
 * nothing else), is sent to the dead-letter topic with its reason (headers {@code
 * dead-letter-reason}, {@code -topic}, {@code -partition}, {@code -offset}): skipping it cannot
 * lose a consent change. An event it cannot apply (a version it does not know, a payload missing
 * what it needs) is <b>held, never skipped</b> ({@link ConsumerRetry#holdUnapplied}): the markers
 * behind it would otherwise vouch for a consent state that lacks it, and a revocation could be lost
 * while scores went on. The markers of the poll that came before it are applied first (they vouch
 * only for what preceded them); then the consumer waits, the state goes stale and scores are
 * refused (503 {@code consent-state-unavailable}) until a version that reads it is deployed or an
 * operator moves the offset past it. A database outage is waited out ({@link ConsumerRetry}).
 * Anything else fails the poll and stops the channel (health DOWN, the pod restarts and resumes
 * from the last committed offset): no consent change is skipped. Scores stop too, since the markers
 * stop.
 */
@ApplicationScoped
public class ConsentEventsConsumer {
  @Inject ProjectionService projections;
  @Inject ConsumerRetry retry;

  @Inject DeadLetters deadLetters;

  @Incoming("consent-events")
  @Blocking("consent-projection")
  public void consume(ConsumerRecords<String, String> records) {
    List<DeadLetter.In> polled = new ArrayList<>(records.count());
    for (ConsumerRecord<String, String> r : records) {
      polled.add(new DeadLetter.In(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
    }
    apply(polled);
  }

  /** One message as Kafka delivers it, without its partition (a heartbeat then names its own). */
  public void consume(String json) {
    apply(List.of(DeadLetter.In.of(json)));
  }

  /** Applies a poll in order; returns how many changes it applied (markers not counted). */
  int apply(List<DeadLetter.In> polled) {
    Map<Integer, ConsentHeartbeat> beats = new TreeMap<>();
    int applied = 0;
    for (DeadLetter.In in : polled) {
      boolean marker = false;
      boolean envelope = false;
      try {
        if (in.json() == null) {
          throw new PoisonEventException("Empty message on the consent topic");
        }
        EventEnvelope event = EventCodec.read(in.json());
        envelope = true;
        if (Events.CONSENT_HEARTBEAT.name().equals(event.type())) {
          marker = true;
          ConsentHeartbeat beat = EventCodec.payload(event, Events.CONSENT_HEARTBEAT);
          ProjectionService.check(beat, in.partition());
          // a record's offsets grow within its partition: the last marker seen is the latest
          beats.put(in.partition() >= 0 ? in.partition() : beat.partition(), beat);
          continue;
        }
        if (retry.untilApplied(
            ProjectionService.CONSENT_CONSUMER,
            () -> projections.applyConsentEvent(event, in.partition()))) {
          applied++;
        }
      } catch (PoisonEventException e) {
        if (marker || !envelope) {
          // a marker, or a message that is no event envelope at all (consent-service writes
          // nothing else): skipping it cannot lose a consent change
          deadLetters.send(in, e);
          continue;
        }
        applyMarkers(beats);
        retry.holdUnapplied(ProjectionService.CONSENT_CONSUMER, in.where(), e);
      }
    }
    applyMarkers(beats);
    return applied;
  }

  private void applyMarkers(Map<Integer, ConsentHeartbeat> beats) {
    if (beats.isEmpty()) {
      return;
    }
    retry.untilApplied(
        ProjectionService.CONSENT_CONSUMER,
        () -> {
          projections.applyHeartbeats(beats);
          return true;
        });
    beats.clear();
  }
}
