package dev.credence.ingestion.service;

import dev.credence.common.events.DataCategory;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.RecordWithdrawn;
import dev.credence.common.events.Topics;
import dev.credence.common.events.WithdrawalReason;
import dev.credence.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Takes accepted records out of use — suppressed, deleted, erased, aged out — and queues one {@code
 * record.withdrawn} per record that was still {@code ACTIVE}, in the caller's transaction. Erasure
 * and ageing also blank the content, leaving a tombstone (ids, furnisher record id, version,
 * category, dates, status and content hash) so a replay is still recognised as a duplicate.
 */
@ApplicationScoped
public class Withdrawals {
  @Inject EntityManager em;
  @Inject Outbox outbox;
  @Inject Topics topics;

  /** A stored record version, as much as a withdrawal needs. */
  public record RecordRef(
      UUID id,
      String subjectId,
      String furnisherId,
      String furnisherRecordId,
      String category,
      String status) {}

  /**
   * The records (any version, any status) matching a where clause over {@code furnished_record}.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<RecordRef> find(String where, Object... params) {
    var query =
        em.createNativeQuery(
            "select id, subject_id, furnisher_id, furnisher_record_id, category, status"
                + " from furnished_record where "
                + where
                + " order by received_at, version for update");
    for (int i = 0; i < params.length; i++) {
      query.setParameter(i + 1, params[i]);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    List<RecordRef> refs = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      refs.add(
          new RecordRef(
              (UUID) row[0],
              (String) row[1],
              (String) row[2],
              (String) row[3],
              (String) row[4],
              (String) row[5]));
    }
    return refs;
  }

  /**
   * Withdraws the records for this reason; returns how many were {@code ACTIVE} (and got an event).
   * Idempotent: an erased record is not erased again, a withdrawn one gets no second event.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int withdraw(List<RecordRef> refs, WithdrawalReason reason, Instant now) {
    int active = 0;
    List<EventEnvelope> events = new ArrayList<>();
    boolean blank = reason == WithdrawalReason.ERASED || reason == WithdrawalReason.AGED_OUT;
    for (RecordRef r : refs) {
      boolean wasActive = "ACTIVE".equals(r.status());
      // Erasure applies to every version not yet erased (superseded and withdrawn versions hold
      // content too); the other reasons apply to ACTIVE records only.
      boolean applies =
          reason == WithdrawalReason.ERASED ? !"ERASED".equals(r.status()) : wasActive;
      if (!applies) {
        continue;
      }
      em.createNativeQuery(
              "update furnished_record set status = ?2,"
                  + " withdrawn_at = coalesce(withdrawn_at, ?3)"
                  + (blank ? ", data = '{}'::jsonb, ages_out_on = null" : "")
                  + " where id = ?1")
          .setParameter(1, r.id())
          .setParameter(2, reason.name())
          .setParameter(3, Timestamp.from(now))
          .executeUpdate();
      if (wasActive) {
        active++;
        events.add(
            EventCodec.envelope(
                Events.RECORD_WITHDRAWN,
                r.subjectId(),
                RecordProcessor.PRODUCER,
                new RecordWithdrawn(
                    r.id(),
                    r.subjectId(),
                    r.furnisherId(),
                    r.furnisherRecordId(),
                    DataCategory.valueOf(r.category()),
                    reason,
                    null,
                    now),
                now));
      }
    }
    outbox.appendAll(topics.records(), events);
    return active;
  }
}
