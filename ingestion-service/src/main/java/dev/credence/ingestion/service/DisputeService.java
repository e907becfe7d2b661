package dev.credence.ingestion.service;

import dev.credence.common.events.DisputeOpened;
import dev.credence.common.events.DisputeStatus;
import dev.credence.common.events.DisputeUpdated;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Events;
import dev.credence.common.events.Topics;
import dev.credence.common.events.WithdrawalReason;
import dev.credence.common.outbox.Outbox;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemTypes;
import dev.credence.ingestion.config.IngestionConfig;
import dev.credence.ingestion.model.RecordStore;
import dev.credence.ingestion.service.Withdrawals.RecordRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Disputes forwarded by consent-service: the record is flagged, its furnisher verifies, corrects
 * (sends a new version, then answers so) or deletes it, and a dispute left {@code OPEN} beyond the
 * window is suppressed. Every step bumps the dispute's sequence and queues a {@code
 * dispute.updated}.
 *
 * <p>A dispute is about the furnisher's record (furnisher, furnisher record id), not one version of
 * it: a routine update while it is {@code OPEN} is no answer, the dispute moves to the new version
 * ({@code record_id}; {@code disputed_record_id} keeps the version the subject disputed) and the
 * window keeps running from {@code openedAt}. A record whose dispute ended {@code SUPPRESSED} or
 * {@code DELETED} is not reinserted by an ordinary update (intake refuses it, FCRA §611(a)(5)(B)).
 */
@ApplicationScoped
public class DisputeService {
  private static final Logger LOG = Logger.getLogger(DisputeService.class);

  @Inject EntityManager em;
  @Inject Outbox outbox;
  @Inject Topics topics;
  @Inject Clock clock;
  @Inject IngestionConfig config;
  @Inject Withdrawals withdrawals;
  @Inject RecordStore records;

  /**
   * A dispute as its furnisher sees it: {@code recordId} is the version it is about now (the
   * current one), {@code disputedRecordId} the version the subject disputed.
   */
  public record Dispute(
      UUID disputeId,
      UUID recordId,
      UUID disputedRecordId,
      String furnisherRecordId,
      String category,
      String subjectId,
      DisputeStatus status,
      long sequence,
      String reason,
      Instant openedAt,
      Instant updatedAt,
      Instant respondBy) {}

  /** A dispute of one of the furnisher records of an intake chunk. */
  public record OnRecord(
      UUID disputeId,
      long sequence,
      String subjectId,
      UUID recordId,
      String furnisherId,
      String furnisherRecordId,
      DisputeStatus status) {
    /** Whether it ended taking the record out of use, so that it may not come back. */
    public boolean removedTheRecord() {
      return status == DisputeStatus.SUPPRESSED || status == DisputeStatus.DELETED;
    }
  }

  /**
   * Flags the disputed record and opens the dispute (sequence 1). A dispute about a record that is
   * not an {@code ACTIVE} record of that subject is answered {@code REJECTED} (sequence 1, no
   * furnisher named) and nothing is flagged. True when a dispute was opened.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean open(DisputeOpened d, Instant now) {
    // The record's furnisher's intake lock first, before any row lock (intake takes it first too):
    // an update of this record being ingested commits before the dispute is opened (which then
    // names a superseded version and is rejected), and one arriving later sees the dispute and
    // takes it along. Without it, an update racing the opening left the dispute on the superseded
    // version, where the day-30 suppression withdraws nothing.
    @SuppressWarnings("unchecked")
    List<String> furnisher =
        em.createNativeQuery("select furnisher_id from furnished_record where id = ?1")
            .setParameter(1, d.recordId())
            .getResultList();
    if (!furnisher.isEmpty()) {
      records.lockFurnisher(furnisher.get(0));
    }
    List<RecordRef> refs = withdrawals.find("id = ?1", d.recordId());
    if (refs.isEmpty()
        || !refs.get(0).subjectId().equals(d.subjectId())
        || !"ACTIVE".equals(refs.get(0).status())) {
      LOG.infof(
          "Dispute %s names no active record %s of its subject; rejected",
          d.disputeId(), d.recordId());
      // consent-service closes the dispute instead of showing it OPEN forever; no furnisher is
      // named (the record may be someone else's) and nothing is stored or flagged here
      emit(d.disputeId(), 1, d.subjectId(), d.recordId(), null, DisputeStatus.REJECTED, now);
      return false;
    }
    RecordRef record = refs.get(0);
    Number alreadyOpen =
        (Number)
            em.createNativeQuery(
                    "select count(*) from dispute where furnisher_id = ?1"
                        + " and furnisher_record_id = ?2 and status = 'OPEN' and id <> ?3")
                .setParameter(1, record.furnisherId())
                .setParameter(2, record.furnisherRecordId())
                .setParameter(3, d.disputeId())
                .getSingleResult();
    if (alreadyOpen.longValue() > 0) {
      // one open dispute per record: a second one (opened while consent-service had not yet seen
      // that the first had followed the record to this version) is answered, not opened twice;
      // the furnisher's intake lock above serialises this check with other openings
      LOG.infof("Dispute %s names a record already under an open dispute; rejected", d.disputeId());
      emit(d.disputeId(), 1, d.subjectId(), d.recordId(), null, DisputeStatus.REJECTED, now);
      return false;
    }
    Instant openedAt = d.openedAt() != null ? d.openedAt() : now;
    int inserted =
        em.createNativeQuery(
                "insert into dispute (id, record_id, disputed_record_id, furnisher_record_id,"
                    + " subject_id, furnisher_id, status, sequence, reason, opened_at, updated_at)"
                    + " values (?1, ?2, ?2, ?8, ?3, ?4, 'OPEN', 1, ?5, ?6, ?7)"
                    + " on conflict (id) do nothing")
            .setParameter(1, d.disputeId())
            .setParameter(2, record.id())
            .setParameter(3, record.subjectId())
            .setParameter(4, record.furnisherId())
            .setParameter(5, d.reason())
            .setParameter(6, Timestamp.from(openedAt))
            .setParameter(7, Timestamp.from(now))
            .setParameter(8, record.furnisherRecordId())
            .executeUpdate();
    if (inserted == 0) {
      return false;
    }
    flagCovered(d.disputeId(), DisputeStatus.OPEN);
    emit(
        d.disputeId(),
        1,
        record.subjectId(),
        record.id(),
        record.furnisherId(),
        DisputeStatus.OPEN,
        now);
    return true;
  }

  /** The furnisher's disputes, optionally of one status, oldest first. */
  @Transactional
  public List<Dispute> list(String furnisherId, Optional<DisputeStatus> status) {
    var query =
        em.createNativeQuery(
            "select d.id, d.record_id, d.disputed_record_id, r.furnisher_record_id, r.category,"
                + " d.subject_id, d.status, d.sequence, d.reason, d.opened_at, d.updated_at"
                + " from dispute d join furnished_record r on r.id = d.record_id"
                + " where d.furnisher_id = ?1"
                + (status.isPresent() ? " and d.status = ?2" : "")
                + " order by d.opened_at, d.id");
    query.setParameter(1, furnisherId);
    status.ifPresent(s -> query.setParameter(2, s.name()));
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    List<Dispute> disputes = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      Instant openedAt = instant(row[9]);
      disputes.add(
          new Dispute(
              (UUID) row[0],
              (UUID) row[1],
              (UUID) row[2],
              (String) row[3],
              (String) row[4],
              (String) row[5],
              DisputeStatus.valueOf((String) row[6]),
              ((Number) row[7]).longValue(),
              (String) row[8],
              openedAt,
              instant(row[10]),
              openedAt.plus(config.disputes().window())));
    }
    return disputes;
  }

  /**
   * The furnisher confirms the record as reported: it keeps counting. Too late (the window has
   * passed) the dispute is suppressed instead, as the sweep would, and the answer is {@code
   * dispute-closed}; the suppression is committed (hence no rollback on the problem).
   */
  @Transactional(dontRollbackOn = ProblemException.class)
  public Dispute verify(String furnisherId, UUID disputeId) {
    return close(furnisherId, disputeId, DisputeStatus.VERIFIED);
  }

  /**
   * The furnisher deletes the disputed record: it is withdrawn ({@code DELETED}). Too late it is
   * suppressed instead, as for {@link #verify}.
   */
  @Transactional(dontRollbackOn = ProblemException.class)
  public Dispute delete(String furnisherId, UUID disputeId) {
    return close(furnisherId, disputeId, DisputeStatus.DELETED);
  }

  /**
   * The furnisher answers that the version it sent since the dispute was opened is its correction.
   * Without such a version there is nothing to call a correction ({@code no-correction-sent}); too
   * late it is suppressed instead, as for {@link #verify}.
   */
  @Transactional(dontRollbackOn = ProblemException.class)
  public Dispute correct(String furnisherId, UUID disputeId) {
    return close(furnisherId, disputeId, DisputeStatus.CORRECTED);
  }

  /**
   * The disputes of these furnisher records that intake must know of: the {@code OPEN} ones (they
   * follow a new version, {@link #follow}) and the ones that ended {@code SUPPRESSED} or {@code
   * DELETED} (the record may not be reinserted). Locked until the intake commits, so neither the
   * sweep nor the furnisher's answer changes them while it decides.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<OnRecord> ofRecords(String furnisherId, Collection<String> furnisherRecordIds) {
    if (furnisherRecordIds.isEmpty()) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, sequence, subject_id, record_id, furnisher_record_id, status"
                    + " from dispute where furnisher_id = ?1 and furnisher_record_id = any(?2)"
                    + " and status in ('OPEN', 'SUPPRESSED', 'DELETED') order by id for update")
            .setParameter(1, furnisherId)
            .setParameter(2, furnisherRecordIds.toArray(new String[0]))
            .getResultList();
    List<OnRecord> found = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      found.add(
          new OnRecord(
              (UUID) row[0],
              ((Number) row[1]).longValue(),
              (String) row[2],
              (UUID) row[3],
              furnisherId,
              (String) row[4],
              DisputeStatus.valueOf((String) row[5])));
    }
    return found;
  }

  /**
   * {@code OPEN} disputes follow their record to the version that now replaces the one they are
   * about ({@code latest}: furnisher record id → new version): a routine update is no answer. The
   * dispute stays {@code OPEN} with its window, every version it covers is flagged, and a {@code
   * dispute.updated} {@code OPEN} names the new version (scoring marks that one disputed).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void follow(List<OnRecord> open, Map<String, UUID> latest, Instant now) {
    for (OnRecord d : open) {
      UUID to = latest.get(d.furnisherRecordId());
      if (d.status() != DisputeStatus.OPEN || to == null || to.equals(d.recordId())) {
        continue;
      }
      long next = d.sequence() + 1;
      em.createNativeQuery(
              "update dispute set record_id = ?2, sequence = ?3, updated_at = ?4 where id = ?1")
          .setParameter(1, d.disputeId())
          .setParameter(2, to)
          .setParameter(3, next)
          .setParameter(4, Timestamp.from(now))
          .executeUpdate();
      flagCovered(d.disputeId(), DisputeStatus.OPEN);
      emit(d.disputeId(), next, d.subjectId(), to, d.furnisherId(), DisputeStatus.OPEN, now);
    }
  }

  /**
   * Open disputes of records just deleted by their furnisher (a Metro 2 {@code DA}/{@code DF}
   * tradeline) become {@code DELETED}, as if the furnisher had answered them so.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void resolveByDeletion(List<UUID> recordIds, Instant now) {
    resolve(recordIds, DisputeStatus.DELETED, now);
  }

  private void resolve(List<UUID> recordIds, DisputeStatus to, Instant now) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, sequence, subject_id, record_id, furnisher_id from dispute"
                    + " where record_id = any(?1) and status = 'OPEN' for update")
            .setParameter(1, recordIds.toArray(new UUID[0]))
            .getResultList();
    for (Object[] row : rows) {
      transition(
          (UUID) row[0],
          ((Number) row[1]).longValue(),
          (String) row[2],
          (UUID) row[3],
          (String) row[4],
          to,
          now);
    }
  }

  /**
   * Suppresses every dispute still {@code OPEN} after the window: the record is withdrawn ({@code
   * SUPPRESSED}). Idempotent; returns how many disputes were suppressed.
   */
  @Transactional
  public int suppressOverdue() {
    Instant now = clock.instant();
    Instant openedBefore = now.minus(config.disputes().window());
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, sequence, subject_id, record_id, furnisher_id from dispute"
                    + " where status = 'OPEN' and opened_at <= ?1 order by opened_at"
                    + " for update skip locked")
            .setParameter(1, Timestamp.from(openedBefore))
            .getResultList();
    for (Object[] row : rows) {
      suppress(
          (UUID) row[0],
          ((Number) row[1]).longValue(),
          (String) row[2],
          (UUID) row[3],
          (String) row[4],
          now);
    }
    if (!rows.isEmpty()) {
      LOG.infof("Suppressed %d records whose disputes were not answered in time", rows.size());
    }
    return rows.size();
  }

  /** Past the window: the record is withdrawn ({@code SUPPRESSED}) and the dispute with it. */
  private void suppress(
      UUID disputeId,
      long sequence,
      String subjectId,
      UUID recordId,
      String furnisherId,
      Instant now) {
    withdrawals.withdraw(withdrawals.find("id = ?1", recordId), WithdrawalReason.SUPPRESSED, now);
    transition(
        disputeId, sequence, subjectId, recordId, furnisherId, DisputeStatus.SUPPRESSED, now);
  }

  /** The sweep's rule: a dispute opened at least a window ago is overdue. */
  private boolean overdue(Instant openedAt, Instant now) {
    return !openedAt.isAfter(now.minus(config.disputes().window()));
  }

  private Dispute close(String furnisherId, UUID disputeId, DisputeStatus to) {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, sequence, subject_id, record_id, furnisher_id, status, opened_at,"
                    + " disputed_record_id from dispute"
                    + " where id = ?1 and furnisher_id = ?2 for update")
            .setParameter(1, disputeId)
            .setParameter(2, furnisherId)
            .getResultList();
    if (rows.isEmpty()) {
      throw new ProblemException(
          ProblemTypes.NOT_FOUND, "No dispute " + disputeId + " about this furnisher's records");
    }
    Object[] row = rows.get(0);
    if (!"OPEN".equals(row[5])) {
      throw new ProblemException(
          IngestionProblems.DISPUTE_CLOSED,
          "Dispute " + disputeId + " is already " + row[5] + "; only an OPEN dispute can change",
          java.util.Map.of("status", row[5]));
    }
    UUID recordId = (UUID) row[3];
    long sequence = ((Number) row[1]).longValue();
    if (overdue(instant(row[6]), now)) {
      // the sweep may not have run yet; the answer must not depend on when it does
      suppress(disputeId, sequence, (String) row[2], recordId, furnisherId, now);
      LOG.info("A dispute answered after its window was suppressed instead");
      throw new ProblemException(
          IngestionProblems.DISPUTE_CLOSED,
          "The dispute was not answered within its window and is now SUPPRESSED; only an OPEN"
              + " dispute within its window can change",
          java.util.Map.of("status", DisputeStatus.SUPPRESSED.name()));
    }
    if (to == DisputeStatus.CORRECTED && recordId.equals(row[7])) {
      throw new ProblemException(
          IngestionProblems.NO_CORRECTION_SENT,
          "No version of the disputed record has been received since the dispute was opened:"
              + " send the corrected record (same furnisherRecordId) first, then answer the"
              + " dispute as corrected");
    }
    if (to == DisputeStatus.DELETED) {
      withdrawals.withdraw(withdrawals.find("id = ?1", recordId), WithdrawalReason.DELETED, now);
    }
    transition(disputeId, sequence, (String) row[2], recordId, furnisherId, to, now);
    return list(furnisherId, Optional.empty()).stream()
        .filter(d -> d.disputeId().equals(disputeId))
        .findFirst()
        .orElseThrow();
  }

  private void transition(
      UUID disputeId,
      long sequence,
      String subjectId,
      UUID recordId,
      String furnisherId,
      DisputeStatus to,
      Instant now) {
    long next = sequence + 1;
    em.createNativeQuery(
            "update dispute set status = ?2, sequence = ?3, updated_at = ?4 where id = ?1")
        .setParameter(1, disputeId)
        .setParameter(2, to.name())
        .setParameter(3, next)
        .setParameter(4, Timestamp.from(now))
        .executeUpdate();
    flagCovered(disputeId, to);
    emit(disputeId, next, subjectId, recordId, furnisherId, to, now);
  }

  /**
   * Flags every version the dispute covers, from the one the subject disputed to the one it is
   * about now, with its status (the subject's export shows it on each).
   */
  private void flagCovered(UUID disputeId, DisputeStatus status) {
    em.createNativeQuery(
            "update furnished_record r set dispute_status = ?2"
                + " from dispute d, furnished_record f, furnished_record c"
                + " where d.id = ?1 and f.id = d.disputed_record_id and c.id = d.record_id"
                + " and r.furnisher_id = d.furnisher_id"
                + " and r.furnisher_record_id = d.furnisher_record_id"
                + " and r.version between f.version and c.version")
        .setParameter(1, disputeId)
        .setParameter(2, status.name())
        .executeUpdate();
  }

  private void emit(
      UUID disputeId,
      long sequence,
      String subjectId,
      UUID recordId,
      String furnisherId,
      DisputeStatus status,
      Instant now) {
    outbox.append(
        topics.records(),
        EventCodec.envelope(
            Events.DISPUTE_UPDATED,
            subjectId,
            RecordProcessor.PRODUCER,
            new DisputeUpdated(disputeId, sequence, subjectId, recordId, furnisherId, status, now),
            now));
  }

  static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
  }
}
