package dev.credence.scoring.messaging;

import dev.credence.common.events.EventCodec;
import dev.credence.common.events.PoisonEventException;
import dev.credence.scoring.service.ProjectionService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code record.accepted} from ingestion-service into the subject record projection. A poison event
 * fails and goes to the dead-letter topic with its reason.
 */
@ApplicationScoped
public class RecordEventsConsumer {
  @Inject ProjectionService projections;

  @Incoming("record-events")
  @Blocking
  public void consume(String json) {
    if (json == null) {
      throw new PoisonEventException("Empty message on the records topic");
    }
    projections.applyRecordEvent(EventCodec.read(json));
  }
}
