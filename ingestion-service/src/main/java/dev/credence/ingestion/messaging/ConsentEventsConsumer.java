package dev.credence.ingestion.messaging;

import dev.credence.common.consent.ConsentWatermarks;
import dev.credence.common.events.ConsentHeartbeat;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.PoisonEventException;
import dev.credence.common.messaging.ConsumerRetry;
import dev.credence.ingestion.service.ConsentProjection;
import dev.credence.ingestion.service.ConsentStateGuard;
import io.agroal.api.AgroalDataSource;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
  @Inject AgroalDataSource dataSource;

  @Incoming("consent-events")
  @Blocking
  public void consume(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return; // a tombstone: nothing to apply
    }
    handle(EventCodec.read(record.value()), record.partition());
  }

  /** One message without its partition (tests): a heartbeat then counts for the one it names. */
  public void consume(String value) {
    if (value == null) {
      return;
    }
    handle(EventCodec.read(value));
  }

  /** Applies one envelope; true when it had an effect. */
  public boolean handle(EventEnvelope envelope) {
    return handle(envelope, -1);
  }

  /**
   * Applies one envelope that arrived on {@code partition} (-1: not known); true when it changed
   * the projection. A heartbeat only moves the partition's watermark forward ({@link
   * ConsentStateGuard}), outside any transaction and the processed-event ledger: applying one twice
   * changes nothing, and a marker lost to a database error only leaves the watermark older, which
   * fails closed.
   */
  public boolean handle(EventEnvelope envelope, int partition) {
    if (Events.CONSENT_HEARTBEAT.name().equals(envelope.type())) {
      ConsentHeartbeat beat = EventCodec.payload(envelope, Events.CONSENT_HEARTBEAT);
      try (Connection connection = dataSource.getConnection()) {
        ConsentWatermarks.apply(connection, beat, partition);
      } catch (SQLException e) {
        LOG.debugf(
            "Heartbeat %s not recorded: %s", envelope.eventId(), e.getClass().getSimpleName());
      }
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
