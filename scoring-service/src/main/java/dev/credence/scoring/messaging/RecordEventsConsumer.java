package dev.credence.scoring.messaging;

import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.PoisonEventException;
import dev.credence.common.messaging.ConsumerRetry;
import dev.credence.scoring.service.ProjectionService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code record.accepted} from ingestion-service into the subject record projection. A poison event
 * fails and goes to the dead-letter topic with its reason; a database outage does not: the event
 * waits and is applied once the database is back ({@link ConsumerRetry}).
 */
@ApplicationScoped
public class RecordEventsConsumer {
  @Inject ProjectionService projections;
  @Inject ConsumerRetry retry;

  /**
   * On a worker pool of its own, like the consent consumer's, so score requests cannot starve it.
   */
  @Incoming("record-events")
  @Blocking("record-projection")
  public void consume(String json) {
    if (json == null) {
      throw new PoisonEventException("Empty message on the records topic");
    }
    EventEnvelope event = EventCodec.read(json);
    retry.untilApplied(
        ProjectionService.RECORD_CONSUMER, () -> projections.applyRecordEvent(event));
  }
}
