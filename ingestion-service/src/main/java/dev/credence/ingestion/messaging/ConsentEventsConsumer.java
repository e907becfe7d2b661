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
 * Consumes consent-service's events ({@code credence.topics.consent}) into the local projection. A
 * message that is no event envelope at all (consent-service writes nothing else) or a malformed
 * heartbeat is nacked and goes to the dead-letter topic with the reason: skipping it cannot lose a
 * consent change. An event it cannot apply (a version it does not know, an incomplete payload) is
 * <b>held, never skipped</b> ({@link ConsumerRetry#holdUnapplied}): the heartbeats behind it would
 * vouch for a consent state without it, and a revoked {@code COLLECT} consent would go on admitting
 * records. Held, the consent state goes stale and consent-bound records are rejected {@code
 * CONSENT_STATE_UNAVAILABLE} until a version that reads it is deployed or an operator moves the
 * offset past it; so is an event whose application fails for any reason that is not transient (the
 * channel's failure strategy would dead-letter it). A database outage is waited out ({@link
 * ConsumerRetry}). Logs carry event ids and types only, never personal data.
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
    consume(
        record.value(),
        record.partition(),
        record.topic() + " partition " + record.partition() + " offset " + record.offset());
  }

  /** One message without its partition (tests): a heartbeat then counts for the one it names. */
  public void consume(String value) {
    if (value == null) {
      return;
    }
    consume(value, -1, "a direct call");
  }

  private void consume(String value, int partition, String where) {
    // not an envelope: poison for the dead-letter topic (the channel's failure strategy)
    EventEnvelope envelope = EventCodec.read(value);
    try {
      handle(envelope, partition);
    } catch (PoisonEventException e) {
      if (Events.CONSENT_HEARTBEAT.name().equals(envelope.type())) {
        throw e; // a malformed marker: skipping it only delays freshness
      }
      retry.holdUnapplied(ConsentProjection.CONSUMER, where, e);
    } catch (RuntimeException e) {
      // not transient (ConsumerRetry waited those out), not poison: the channel's failure strategy
      // would dead-letter it, so a revocation that met a bug would be skipped
      retry.holdUnapplied(ConsentProjection.CONSUMER, where, e);
    }
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
