package dev.credence.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

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
}
