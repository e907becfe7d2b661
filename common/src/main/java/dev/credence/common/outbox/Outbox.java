package dev.credence.common.outbox;

import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * The producing side of the transactional outbox: an event is written in the same database
 * transaction as the state change it describes; {@link OutboxRelay} publishes it afterwards. Each
 * service's Flyway migrations create the {@code outbox_event} table.
 */
@ApplicationScoped
public class Outbox {
  @Inject EntityManager em;
  @Inject OutboxRelay relay;

  /** Appends an event keyed by its subject id (the default: one subject's events stay in order). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(String topic, EventEnvelope event) {
    append(topic, event.subjectId(), event);
  }

  /** Appends an event with an explicit key (e.g. the entity id on a compacted topic). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(String topic, String key, EventEnvelope event) {
    em.createNativeQuery(
            "insert into outbox_event (id, topic, message_key, type, payload, created_at)"
                + " values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6)")
        .setParameter(
            1, UUID.randomUUID()) // a row per (topic, event); the event id travels in the payload
        .setParameter(2, topic)
        .setParameter(3, key)
        .setParameter(4, event.type())
        .setParameter(5, EventCodec.write(event))
        .setParameter(6, Timestamp.from(event.occurredAt()))
        .executeUpdate();
    relay.wakeUpAfterCommit();
  }
}
