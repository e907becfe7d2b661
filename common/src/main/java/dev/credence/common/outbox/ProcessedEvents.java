package dev.credence.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The idempotent-consumer ledger: an event id is claimed in the same transaction as its effect, by
 * the table's unique key (never check-then-insert), so a redelivered event changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {
  @Inject EntityManager em;

  /** True when this consumer has not processed the event before (and now has, if we commit). */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean markIfNew(String consumer, UUID eventId) {
    int inserted =
        em.createNativeQuery(
                "insert into processed_event (consumer, event_id) values (?1, ?2)"
                    + " on conflict do nothing")
            .setParameter(1, consumer)
            .setParameter(2, eventId)
            .executeUpdate();
    return inserted == 1;
  }

  /**
   * Claims many event ids at once (one round trip) and returns those this consumer had not
   * processed before; same rules as {@link #markIfNew}.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Set<UUID> markAllIfNew(String consumer, Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Set.of();
    }
    Set<UUID> claimed = new HashSet<>();
    em.unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "insert into processed_event (consumer, event_id)"
                          + " select ?, e from unnest(?) as u(e)"
                          + " on conflict do nothing returning event_id")) {
                insert.setString(1, consumer);
                insert.setArray(2, connection.createArrayOf("uuid", eventIds.toArray()));
                try (ResultSet rs = insert.executeQuery()) {
                  while (rs.next()) {
                    claimed.add(rs.getObject(1, UUID.class));
                  }
                }
              }
            });
    return claimed;
  }
}
