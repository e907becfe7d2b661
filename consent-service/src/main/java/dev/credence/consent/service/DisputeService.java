package dev.credence.consent.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.common.events.DisputeOpened;
import dev.credence.common.events.DisputeStatus;
import dev.credence.common.events.DisputeUpdated;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.Topics;
import dev.credence.common.outbox.Outbox;
import dev.credence.common.problem.ProblemException;
import dev.credence.consent.client.Downstream;
import dev.credence.consent.model.Dispute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * Disputes are opened here and forwarded to ingestion ({@code dispute.opened}); ingestion's {@code
 * dispute.updated} events carry every later step back.
 */
@ApplicationScoped
public class DisputeService {
  @Inject Downstream downstream;
  @Inject Outbox outbox;
  @Inject Topics topics;
  @Inject Clock clock;
  @Inject SubjectService subjects;

  /**
   * The class of the transaction-scoped advisory lock that serialises, per subject, opening a
   * dispute and applying ingestion's steps: without it a dispute could be opened over a version an
   * earlier dispute was just moving to (the count of open ones read before that move committed).
   */
  static final int DISPUTE_LOCK = 0x44495350; // "DISP"

  /**
   * Opens a dispute. For a person, the record is first confirmed as theirs against ingestion with
   * their own token ({@code checkRecord}); nothing is stored when it is not, or when ingestion
   * cannot answer.
   */
  public Dispute open(
      String subjectId, String actor, UUID recordId, String reason, boolean checkRecord) {
    subjects.requireActive(subjectId);
    String furnisherId = null;
    if (checkRecord) {
      // outside the transaction: no database connection is held while ingestion answers
      Downstream.Section records = downstream.records();
      if (!records.available()) {
        throw new ProblemException(
            ConsentProblems.RECORDS_UNAVAILABLE,
            "The records held about you could not be checked right now ("
                + records.reason()
                + "); nothing was stored, try again later");
      }
      JsonNode record = find(records.data(), recordId).orElseThrow(() -> notHeld(recordId));
      furnisherId = record.path("furnisherId").asText(null);
    }
    return store(subjectId, actor, recordId, reason, checkRecord, furnisherId);
  }

  @Transactional
  public Dispute store(
      String subjectId,
      String actor,
      UUID recordId,
      String reason,
      boolean checked,
      String furnisherId) {
    lockDisputesOf(subjectId);
    long open =
        Dispute.count(
            "subjectId = ?1 and (recordId = ?2 or currentRecordId = ?2) and status = ?3",
            subjectId,
            recordId,
            DisputeStatus.OPEN);
    if (open > 0) {
      throw new ProblemException(
          ConsentProblems.DISPUTE_ALREADY_OPEN,
          "A dispute over record " + recordId + " is already open");
    }
    Instant now = clock.instant();
    Dispute d = new Dispute();
    d.id = UUID.randomUUID();
    d.subjectId = subjectId;
    d.recordId = recordId;
    d.furnisherId = furnisherId;
    d.reason = reason.strip();
    d.openedBy = actor;
    d.openedAt = now;
    d.recordChecked = checked;
    d.status = DisputeStatus.OPEN;
    d.statusSequence = 0;
    d.statusChangedAt = now;
    d.persist();
    EventEnvelope event =
        EventCodec.envelope(
            Events.DISPUTE_OPENED,
            subjectId,
            SubjectService.PRODUCER,
            new DisputeOpened(d.id, subjectId, recordId, d.reason, now),
            now);
    outbox.append(topics.consent(), event);
    return d;
  }

  /**
   * Applies a step reported by ingestion; only a higher sequence than the one shown changes
   * anything, so a replayed, duplicated or late event is harmless. Returns true when it changed the
   * dispute.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean apply(DisputeUpdated update) {
    if (update.subjectId() != null) {
      lockDisputesOf(update.subjectId());
    }
    Dispute d = Dispute.findById(update.disputeId(), LockModeType.PESSIMISTIC_WRITE);
    if (d == null || !d.subjectId.equals(update.subjectId())) {
      return false; // not opened here (or not this subject's): nothing to show
    }
    if (update.sequence() <= d.statusSequence) {
      return false;
    }
    d.status = update.status();
    d.statusSequence = update.sequence();
    d.statusChangedAt = update.changedAt();
    if (update.furnisherId() != null) {
      d.furnisherId = update.furnisherId();
    }
    if (update.recordId() != null && !update.recordId().equals(d.currentRecord())) {
      d.currentRecordId = update.recordId(); // the record was updated: the dispute follows it
    }
    return true;
  }

  private static void lockDisputesOf(String subjectId) {
    Dispute.getEntityManager()
        .createNativeQuery("select pg_advisory_xact_lock(?1, hashtext(?2))")
        .setParameter(1, DISPUTE_LOCK)
        .setParameter(2, subjectId)
        .getSingleResult();
  }

  public List<Dispute> ofSubject(String subjectId) {
    return Dispute.ofSubject(subjectId);
  }

  public Dispute own(String subjectId, UUID id) {
    Dispute d = Dispute.findById(id);
    if (d == null || !d.subjectId.equals(subjectId)) {
      throw new ProblemException(
          ConsentProblems.DISPUTE_NOT_FOUND, "No dispute " + id + " visible to the caller");
    }
    return d;
  }

  private static Optional<JsonNode> find(JsonNode records, UUID recordId) {
    if (records == null || !records.isArray()) {
      return Optional.empty();
    }
    return StreamSupport.stream(records.spliterator(), false)
        .filter(r -> recordId.toString().equals(r.path("recordId").asText()))
        .findFirst();
  }

  private static ProblemException notHeld(UUID recordId) {
    return new ProblemException(
        ConsentProblems.RECORD_NOT_HELD,
        "No record " + recordId + " is held about you",
        Map.of("recordId", recordId.toString()));
  }
}
