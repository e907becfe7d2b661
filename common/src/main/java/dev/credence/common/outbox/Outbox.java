package dev.credence.common.outbox;

import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.identity.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

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
            1, Ids.timeOrdered()) // a row per (topic, event); the event id travels in the payload
        .setParameter(2, topic)
        .setParameter(3, key)
        .setParameter(4, event.type())
        .setParameter(5, EventCodec.write(event))
        .setParameter(6, Timestamp.from(event.occurredAt()))
        .executeUpdate();
    relay.wakeUpAfterCommit();
  }

  /**
   * Writes or rewrites a <em>marker</em> row: the row {@code rowId} carries this event from now on,
   * is waiting to be published again, and is ordered by the event's time (so after everything
   * committed before it). Only the latest marker of a row matters, so an outbox that cannot drain
   * holds one row per marker, not one per beat; the event id in the payload is new each time, so
   * consumers that deduplicate by event id are not fooled. Same transaction rules as {@link
   * #append(String, EventEnvelope)}.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void replace(UUID rowId, String topic, String key, EventEnvelope event) {
    em.createNativeQuery(
            "insert into outbox_event (id, topic, message_key, type, payload, created_at)"
                + " values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6) on conflict (id) do update set"
                + " topic = excluded.topic, message_key = excluded.message_key,"
                + " type = excluded.type, payload = excluded.payload,"
                + " created_at = excluded.created_at, published_at = null")
        .setParameter(1, rowId)
        .setParameter(2, topic)
        .setParameter(3, key)
        .setParameter(4, event.type())
        .setParameter(5, EventCodec.write(event))
        .setParameter(6, Timestamp.from(event.occurredAt()))
        .executeUpdate();
    relay.wakeUpAfterCommit();
  }

  /**
   * One outbox row, for a caller that inserts it within its own SQL statement (a release that
   * writes its records and its event in one round trip). The caller must insert exactly these
   * values into {@code outbox_event (id, topic, message_key, type, payload, created_at)}, in the
   * current transaction, and then call {@link #appended()}.
   */
  public record Row(
      UUID id, String topic, String key, String type, String payload, Timestamp createdAt) {}

  /** The row {@link #append(String, EventEnvelope)} would insert for this event. */
  public Row row(String topic, EventEnvelope event) {
    return new Row(
        Ids.timeOrdered(),
        topic,
        event.subjectId(),
        event.type(),
        EventCodec.write(event),
        Timestamp.from(event.occurredAt()));
  }

  /** Tells the relay that the current transaction inserted a {@link #row} itself. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void appended() {
    relay.wakeUpAfterCommit();
  }

  /**
   * Appends many events, each keyed by its subject id, with one multi-row insert (bulk intake: one
   * round trip instead of one per event), published in list order. Same transaction rules as {@link
   * #append(String, EventEnvelope)}.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void appendAll(String topic, List<EventEnvelope> events) {
    if (events.isEmpty()) {
      return;
    }
    int n = events.size();
    UUID[] ids = new UUID[n];
    String[] keys = new String[n];
    String[] types = new String[n];
    String[] payloads = new String[n];
    Timestamp[] created = new Timestamp[n];
    for (int i = 0; i < n; i++) {
      EventEnvelope event = events.get(i);
      ids[i] = Ids.timeOrdered();
      keys[i] = event.subjectId();
      types[i] = event.type();
      payloads[i] = EventCodec.write(event);
      // The relay publishes in (created_at, id) order: a microsecond apart keeps the list's order.
      created[i] = Timestamp.from(event.occurredAt().plus(i, java.time.temporal.ChronoUnit.MICROS));
    }
    em.unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "insert into outbox_event (id, topic, message_key, type, payload,"
                          + " created_at) select id, ?, k, t, cast(p as jsonb), c"
                          + " from unnest(?, ?, ?, ?, ?) as u(id, k, t, p, c)")) {
                insert.setString(1, topic);
                insert.setArray(2, array(connection, "uuid", ids));
                insert.setArray(3, array(connection, "text", keys));
                insert.setArray(4, array(connection, "text", types));
                insert.setArray(5, array(connection, "text", payloads));
                insert.setArray(6, array(connection, "timestamptz", created));
                insert.executeUpdate();
              }
            });
    relay.wakeUpAfterCommit();
  }

  private static Array array(java.sql.Connection connection, String type, Object[] values)
      throws SQLException {
    return connection.createArrayOf(type, values);
  }
}
