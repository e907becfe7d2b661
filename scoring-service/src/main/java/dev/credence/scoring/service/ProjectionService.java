package dev.credence.scoring.service;

import dev.credence.common.consent.ConsentWatermarks;
import dev.credence.common.events.ConsentChanged;
import dev.credence.common.events.ConsentHeartbeat;
import dev.credence.common.events.DisputeUpdated;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.IdentifierHash;
import dev.credence.common.events.OfficerLinkChanged;
import dev.credence.common.events.PoisonEventException;
import dev.credence.common.events.RecordAccepted;
import dev.credence.common.events.RecordWithdrawn;
import dev.credence.common.events.SubjectErasureRequested;
import dev.credence.common.events.SubjectRegistered;
import dev.credence.common.outbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Keeps the local projections of consent and record events. Each event is applied in one
 * transaction together with its processed-event mark, so a redelivered event changes nothing; a
 * consent changes only for a higher sequence, and a record only for a report at least as new. A
 * withdrawn record leaves the projection for good (its id is remembered), a dispute marks a record
 * while OPEN, and an erasure request removes everything scoring holds about the subject except the
 * disclosures and inquiries the law makes it keep.
 */
@ApplicationScoped
public class ProjectionService {
  public static final String CONSENT_CONSUMER = "scoring-consent-projection";
  public static final String RECORD_CONSUMER = "scoring-record-projection";
  private static final Logger LOG = Logger.getLogger(ProjectionService.class);

  @Inject EntityManager em;
  @Inject ProcessedEvents processed;
  @Inject SubjectDirectory directory;

  /** Applies an event of the consent topic; false when duplicate or of a type scoring ignores. */
  @Transactional
  public boolean applyConsentEvent(EventEnvelope event) {
    return applyConsentEvent(event, -1);
  }

  /**
   * Applies an event of the consent topic that arrived on {@code partition} (-1: not known; a
   * heartbeat then counts for the partition it names). A heartbeat is not recorded in the
   * processed-event ledger: applying it twice changes nothing (the watermark only moves forward),
   * and four markers a second per partition would fill the ledger with nothing.
   */
  @Transactional
  public boolean applyConsentEvent(EventEnvelope event, int partition) {
    if (Events.CONSENT_HEARTBEAT.name().equals(event.type())) {
      heartbeat(EventCodec.payload(event, Events.CONSENT_HEARTBEAT), partition);
      return true;
    }
    boolean registered = Events.SUBJECT_REGISTERED.name().equals(event.type());
    boolean changed = Events.CONSENT_CHANGED.name().equals(event.type());
    boolean erasure = Events.SUBJECT_ERASURE_REQUESTED.name().equals(event.type());
    boolean officer = Events.OFFICER_LINK_CHANGED.name().equals(event.type());
    if (!registered && !changed && !erasure && !officer) {
      LOG.debugf("Ignoring %s event %s", event.type(), event.eventId());
      return false;
    }
    if (!processed.markIfNew(CONSENT_CONSUMER, event.eventId())) {
      return false;
    }
    if (registered) {
      subjectRegistered(EventCodec.payload(event, Events.SUBJECT_REGISTERED));
    } else if (changed) {
      consentChanged(EventCodec.payload(event, Events.CONSENT_CHANGED));
    } else if (officer) {
      officerLinkChanged(EventCodec.payload(event, Events.OFFICER_LINK_CHANGED));
    } else {
      erasureRequested(EventCodec.payload(event, Events.SUBJECT_ERASURE_REQUESTED));
    }
    return true;
  }

  /**
   * Applies events of the records topic in order, in one transaction (a poll of the consumer);
   * returns how many had an effect. A poison event throws and rolls the whole list back.
   */
  @Transactional
  public int applyRecordEvents(java.util.List<EventEnvelope> events) {
    int applied = 0;
    int i = 0;
    while (i < events.size()) {
      int end = i;
      while (end < events.size() && Events.RECORD_ACCEPTED.name().equals(events.get(end).type())) {
        end++;
      }
      if (end - i > 1) {
        applied += recordsAccepted(events.subList(i, end));
        i = end;
      } else {
        if (applyRecordEvent(
            events.get(i))) { // in this transaction (a call on this, not the proxy)
          applied++;
        }
        i++;
      }
    }
    return applied;
  }

  private static final String RECORD_UPSERT =
      "insert into subject_record (furnisher_id, furnisher_record_id, record_id, subject_id,"
          + " category, reported_on, data, event_id, occurred_at, updated_at)"
          + " values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, now())"
          + " on conflict (furnisher_id, furnisher_record_id) do update set"
          + " record_id = excluded.record_id, subject_id = excluded.subject_id,"
          + " category = excluded.category, reported_on = excluded.reported_on,"
          + " data = excluded.data, event_id = excluded.event_id,"
          + " occurred_at = excluded.occurred_at, updated_at = now()"
          + " where (excluded.reported_on, excluded.occurred_at)"
          + " >= (subject_record.reported_on, subject_record.occurred_at)";

  /**
   * A run of consecutive {@code record.accepted} events of one poll, with the same outcome as
   * applying them one by one in order, in four round trips instead of four per event: every payload
   * is checked first (poison throws before anything is written), the run's event ids are claimed at
   * once, erased subjects and withdrawn records are looked up at once (nothing in the run can
   * change either: withdrawals are other events, erasures come from the consent topic's consumer,
   * whose transaction this one cannot see either way), and the upserts go as one JDBC batch in
   * event order, so of two versions of one furnisher key the later-reported still wins. One by one,
   * the projection cost scoring and its database about as much CPU as ingestion itself
   * (docs/benchmarks.md, "The record projection in runs").
   */
  private int recordsAccepted(java.util.List<EventEnvelope> run) {
    java.util.List<RecordAccepted> payloads = new java.util.ArrayList<>(run.size());
    for (EventEnvelope event : run) {
      RecordAccepted r = EventCodec.payload(event, Events.RECORD_ACCEPTED);
      requireComplete(r);
      payloads.add(r);
    }
    java.util.Set<java.util.UUID> claimed =
        new java.util.HashSet<>(
            processed.markAllIfNew(
                RECORD_CONSUMER, run.stream().map(EventEnvelope::eventId).toList()));
    if (claimed.isEmpty()) {
      return 0;
    }
    java.util.Set<String> erasedSubjects =
        present(
            "select subject_id from erased_subject where subject_id = any(?)",
            "text",
            payloads.stream().map(RecordAccepted::subjectId).distinct().toArray(),
            String.class);
    java.util.Set<java.util.UUID> withdrawnRecords =
        present(
            "select record_id from withdrawn_record where record_id = any(?)",
            "uuid",
            payloads.stream().map(RecordAccepted::recordId).distinct().toArray(),
            java.util.UUID.class);
    int applied = claimed.size();
    em.unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement ps = connection.prepareStatement(RECORD_UPSERT)) {
                int batched = 0;
                for (int k = 0; k < run.size(); k++) {
                  EventEnvelope event = run.get(k);
                  RecordAccepted r = payloads.get(k);
                  if (!claimed.remove(event.eventId())) {
                    continue; // processed before, or a second copy in this run
                  }
                  if (erasedSubjects.contains(r.subjectId())
                      || withdrawnRecords.contains(r.recordId())) {
                    LOG.infof(
                        "Ignoring record.accepted %s: record withdrawn or subject erased",
                        event.eventId());
                    continue;
                  }
                  bindRecord(ps, event, r);
                  ps.addBatch();
                  batched++;
                }
                if (batched > 0) {
                  ps.executeBatch();
                }
              }
            });
    return applied;
  }

  private <T> java.util.Set<T> present(String sql, String type, Object[] keys, Class<T> as) {
    return em.unwrap(Session.class)
        .doReturningWork(
            connection -> {
              java.util.Set<T> found = new java.util.HashSet<>();
              try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setArray(1, connection.createArrayOf(type, keys));
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    found.add(rs.getObject(1, as));
                  }
                }
              }
              return found;
            });
  }

  /** Applies an event of the records topic; false when duplicate or of a type scoring ignores. */
  @Transactional
  public boolean applyRecordEvent(EventEnvelope event) {
    boolean accepted = Events.RECORD_ACCEPTED.name().equals(event.type());
    boolean withdrawn = Events.RECORD_WITHDRAWN.name().equals(event.type());
    boolean dispute = Events.DISPUTE_UPDATED.name().equals(event.type());
    if (!accepted && !withdrawn && !dispute) {
      LOG.debugf("Ignoring %s event %s", event.type(), event.eventId());
      return false;
    }
    if (!processed.markIfNew(RECORD_CONSUMER, event.eventId())) {
      return false;
    }
    if (accepted) {
      recordAccepted(event, EventCodec.payload(event, Events.RECORD_ACCEPTED));
    } else if (withdrawn) {
      recordWithdrawn(EventCodec.payload(event, Events.RECORD_WITHDRAWN));
    } else {
      disputeUpdated(EventCodec.payload(event, Events.DISPUTE_UPDATED));
    }
    return true;
  }

  /**
   * Applies the latest heartbeat of each partition in one transaction (the consumer collapses a
   * poll's markers to these, after it has applied the changes that came before them).
   */
  @Transactional
  public void applyHeartbeats(java.util.Map<Integer, ConsentHeartbeat> latestByPartition) {
    latestByPartition.forEach((partition, beat) -> heartbeat(beat, partition));
  }

  /** Checks a heartbeat as the consumer reads it: a malformed one is poison. */
  public static void check(ConsentHeartbeat beat, int arrivedOn) {
    ConsentWatermarks.partitionOf(beat, arrivedOn);
  }

  private void heartbeat(ConsentHeartbeat beat, int arrivedOn) {
    update(ConsentWatermarks.UPSERT_SQL, ps -> ConsentWatermarks.bind(ps, beat, arrivedOn));
  }

  private void subjectRegistered(SubjectRegistered s) {
    if (s.subjectId() == null || s.subjectType() == null || s.registeredAt() == null) {
      throw new PoisonEventException(
          "subject.registered lacks subjectId, subjectType or registeredAt");
    }
    if (erased(s.subjectId())) {
      LOG.infof("Ignoring subject.registered of an erased subject");
      return;
    }
    update(
        "insert into subject_view (subject_id, subject_type, registered_at) values (?, ?, ?)"
            + " on conflict (subject_id) do nothing",
        ps -> {
          ps.setString(1, s.subjectId());
          ps.setString(2, s.subjectType().name());
          ps.setObject(3, utc(s.registeredAt()));
        });
    if (s.identifiers() == null) {
      return;
    }
    for (IdentifierHash id : s.identifiers()) {
      if (id == null || id.type() == null || id.hash() == null) {
        throw new PoisonEventException("subject.registered carries an incomplete identifier");
      }
      update(
          "insert into subject_identifier_view (identifier_type, identifier_hash, subject_id)"
              + " values (?, ?, ?) on conflict do nothing",
          ps -> {
            ps.setString(1, id.type().name());
            ps.setString(2, id.hash());
            ps.setString(3, s.subjectId());
          });
    }
  }

  private void consentChanged(ConsentChanged c) {
    if (c.consentId() == null
        || c.subjectId() == null
        || c.granteeId() == null
        || c.direction() == null
        || c.purpose() == null
        || c.status() == null
        || c.startsAt() == null
        || c.expiresAt() == null) {
      throw new PoisonEventException("consent.changed lacks a required field");
    }
    if (erased(c.subjectId())) {
      LOG.infof("Ignoring consent.changed %s of an erased subject", c.consentId());
      return;
    }
    String categories =
        c.categories() == null
            ? ""
            : c.categories().stream().map(Enum::name).collect(Collectors.joining(","));
    update(
        "insert into consent_view (consent_id, sequence, subject_id, grantee_id, direction,"
            + " purpose, categories, status, starts_at, expires_at, usage_limit, changed_at)"
            + " values (?, ?, ?, ?, ?, ?, string_to_array(?, ','), ?, ?, ?, ?, ?)"
            + " on conflict (consent_id) do update set sequence = excluded.sequence,"
            + " subject_id = excluded.subject_id, grantee_id = excluded.grantee_id,"
            + " direction = excluded.direction, purpose = excluded.purpose,"
            + " categories = excluded.categories, status = excluded.status,"
            + " starts_at = excluded.starts_at, expires_at = excluded.expires_at,"
            + " usage_limit = excluded.usage_limit, changed_at = excluded.changed_at"
            + " where consent_view.sequence < excluded.sequence",
        ps -> {
          ps.setObject(1, c.consentId());
          ps.setLong(2, c.sequence());
          ps.setString(3, c.subjectId());
          ps.setString(4, c.granteeId());
          ps.setString(5, c.direction().name());
          ps.setString(6, c.purpose().name());
          ps.setString(7, categories);
          ps.setString(8, c.status().name());
          ps.setObject(9, utc(c.startsAt()));
          ps.setObject(10, utc(c.expiresAt()));
          if (c.usageLimit() == null) {
            ps.setNull(11, Types.INTEGER);
          } else {
            ps.setInt(11, c.usageLimit());
          }
          setInstant(ps, 12, c.changedAt());
        });
  }

  private void recordAccepted(EventEnvelope event, RecordAccepted r) {
    requireComplete(r);
    if (erased(r.subjectId()) || withdrawn(r.recordId())) {
      // a late or redelivered report of a record that was withdrawn (or of an erased subject)
      LOG.infof("Ignoring record.accepted %s: record withdrawn or subject erased", event.eventId());
      return;
    }
    update(RECORD_UPSERT, ps -> bindRecord(ps, event, r));
  }

  private static void requireComplete(RecordAccepted r) {
    if (r.recordId() == null
        || r.subjectId() == null
        || r.furnisherId() == null
        || r.furnisherRecordId() == null
        || r.category() == null
        || r.reportedOn() == null
        || r.data() == null
        || !r.data().isObject()) {
      throw new PoisonEventException("record.accepted lacks a required field");
    }
  }

  private static void bindRecord(PreparedStatement ps, EventEnvelope event, RecordAccepted r)
      throws java.sql.SQLException {
    ps.setString(1, r.furnisherId());
    ps.setString(2, r.furnisherRecordId());
    ps.setObject(3, r.recordId());
    ps.setString(4, r.subjectId());
    ps.setString(5, r.category().name());
    ps.setObject(6, r.reportedOn());
    ps.setString(7, r.data().toString());
    ps.setObject(8, event.eventId());
    ps.setObject(9, utc(event.occurredAt()));
  }

  private void recordWithdrawn(RecordWithdrawn w) {
    if (w.recordId() == null || w.subjectId() == null || w.reason() == null) {
      throw new PoisonEventException("record.withdrawn lacks recordId, subjectId or reason");
    }
    // By record id, never by furnisher key: when a correction (SUPERSEDED) was accepted first under
    // the same furnisher key, the row already holds the replacement and nothing is removed.
    update("delete from subject_record where record_id = ?", ps -> ps.setObject(1, w.recordId()));
    update(
        "insert into withdrawn_record (record_id, subject_id, reason, replaced_by, withdrawn_at)"
            + " values (?, ?, ?, ?, ?) on conflict (record_id) do nothing",
        ps -> {
          ps.setObject(1, w.recordId());
          ps.setString(2, w.subjectId());
          ps.setString(3, w.reason().name());
          ps.setObject(4, w.replacedBy());
          setInstant(ps, 5, w.withdrawnAt() == null ? Instant.now() : w.withdrawnAt());
        });
  }

  private void disputeUpdated(DisputeUpdated d) {
    if (d.disputeId() == null
        || d.subjectId() == null
        || d.recordId() == null
        || d.status() == null) {
      throw new PoisonEventException(
          "dispute.updated lacks disputeId, subjectId, recordId or status");
    }
    if (erased(d.subjectId())) {
      return;
    }
    update(
        "insert into record_dispute (dispute_id, sequence, subject_id, record_id, furnisher_id,"
            + " status, changed_at) values (?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (dispute_id) do update set sequence = excluded.sequence,"
            + " status = excluded.status, changed_at = excluded.changed_at,"
            + " record_id = excluded.record_id, furnisher_id = excluded.furnisher_id"
            + " where record_dispute.sequence < excluded.sequence",
        ps -> {
          ps.setObject(1, d.disputeId());
          ps.setLong(2, d.sequence());
          ps.setString(3, d.subjectId());
          ps.setObject(4, d.recordId());
          ps.setString(5, d.furnisherId());
          ps.setString(6, d.status().name());
          setInstant(ps, 7, d.changedAt());
        });
  }

  /** The latest change of each officer link wins (a replayed older change cannot relink). */
  private void officerLinkChanged(OfficerLinkChanged c) {
    if (c.organisationId() == null || c.officerSubjectId() == null || c.changedAt() == null) {
      throw new PoisonEventException(
          "organisation.officer-link-changed lacks organisationId, officerSubjectId or changedAt");
    }
    if (erased(c.organisationId()) || erased(c.officerSubjectId())) {
      return;
    }
    update(
        "insert into officer_link_view (organisation_id, officer_subject_id, linked, changed_at)"
            + " values (?, ?, ?, ?) on conflict (organisation_id, officer_subject_id) do update"
            + " set linked = excluded.linked, changed_at = excluded.changed_at"
            + " where officer_link_view.changed_at <= excluded.changed_at",
        ps -> {
          ps.setString(1, c.organisationId());
          ps.setString(2, c.officerSubjectId());
          ps.setBoolean(3, c.linked());
          ps.setObject(4, utc(c.changedAt()));
        });
  }

  private void erasureRequested(SubjectErasureRequested e) {
    if (e.subjectId() == null) {
      throw new PoisonEventException("subject.erasure-requested lacks subjectId");
    }
    String subjectId = e.subjectId();
    update(
        "insert into erased_subject (subject_id, request_id, requested_at) values (?, ?, ?)"
            + " on conflict (subject_id) do nothing",
        ps -> {
          ps.setString(1, subjectId);
          ps.setObject(2, e.requestId());
          setInstant(ps, 3, e.requestedAt());
        });
    // Everything scoring derived from the subject's data; features are computed on demand from
    // subject_record, so none are left. Disclosures and inquiries stay (legal retention).
    for (String table :
        new String[] {
          "subject_record",
          "record_dispute",
          "withdrawn_record",
          "consent_view",
          "subject_identifier_view",
          "subject_view"
        }) {
      update("delete from " + table + " where subject_id = ?", ps -> ps.setString(1, subjectId));
    }
    update(
        "delete from officer_link_view where organisation_id = ? or officer_subject_id = ?",
        ps -> {
          ps.setString(1, subjectId);
          ps.setString(2, subjectId);
        });
    directory.forget(subjectId);
    LOG.infof("Erased the projections of a subject (request %s)", e.requestId());
  }

  private boolean erased(String subjectId) {
    return exists("select 1 from erased_subject where subject_id = ?", subjectId);
  }

  private boolean withdrawn(java.util.UUID recordId) {
    return exists("select 1 from withdrawn_record where record_id = ?", recordId);
  }

  private boolean exists(String sql, Object param) {
    return em.unwrap(Session.class)
        .doReturningWork(
            connection -> {
              try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setObject(1, param);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next();
                }
              }
            });
  }

  private static void setInstant(PreparedStatement ps, int index, Instant value)
      throws java.sql.SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, utc(value));
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws java.sql.SQLException;
  }

  private void update(String sql, Binder binder) {
    em.unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement ps = connection.prepareStatement(sql)) {
                binder.bind(ps);
                ps.executeUpdate();
              }
            });
  }
}
