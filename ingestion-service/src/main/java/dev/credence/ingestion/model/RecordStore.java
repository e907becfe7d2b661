package dev.credence.ingestion.model;

import dev.credence.ingestion.domain.Outcome;
import dev.credence.ingestion.domain.ReasonCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/** Writes furnished records and the ingestion report; callers hold the transaction. */
@ApplicationScoped
public class RecordStore {
  @Inject EntityManager em;

  /** A stored record's id and content hash, for telling a replay from a reused id. */
  public record Existing(UUID id, String contentHash) {}

  /** The row to insert. */
  public record NewRecord(
      UUID id,
      String furnisherId,
      String furnisherRecordId,
      String subjectId,
      String category,
      int schemaVersion,
      String dataJson,
      String contentHash,
      LocalDate reportedOn,
      Instant receivedAt) {}

  /**
   * Inserts the record unless (furnisher, furnisher record id) exists — decided by the unique key,
   * never by a prior read. True when this call inserted it.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean insertIfNew(NewRecord r) {
    int inserted =
        em.createNativeQuery(
                "insert into furnished_record (id, furnisher_id, furnisher_record_id, subject_id,"
                    + " category, schema_version, data, content_hash, reported_on, received_at,"
                    + " status) values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb), ?8, ?9, ?10,"
                    + " 'ACTIVE') on conflict (furnisher_id, furnisher_record_id) do nothing")
            .setParameter(1, r.id())
            .setParameter(2, r.furnisherId())
            .setParameter(3, r.furnisherRecordId())
            .setParameter(4, r.subjectId())
            .setParameter(5, r.category())
            .setParameter(6, r.schemaVersion())
            .setParameter(7, r.dataJson())
            .setParameter(8, r.contentHash())
            .setParameter(9, r.reportedOn())
            .setParameter(10, Timestamp.from(r.receivedAt()))
            .executeUpdate();
    return inserted == 1;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Existing> find(String furnisherId, String furnisherRecordId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, content_hash from furnished_record"
                    + " where furnisher_id = ?1 and furnisher_record_id = ?2")
            .setParameter(1, furnisherId)
            .setParameter(2, furnisherRecordId)
            .getResultList();
    return rows.stream().findFirst().map(row -> new Existing((UUID) row[0], (String) row[1]));
  }

  /** One line of the ingestion report. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void recordOutcome(
      UUID batchId,
      String furnisherId,
      String furnisherRecordId,
      String category,
      Outcome outcome,
      ReasonCode reason,
      UUID recordId,
      Instant at) {
    em.unwrap(Session.class)
        .createNativeMutationQuery(
            "insert into ingestion_outcome (batch_id, furnisher_id, furnisher_record_id, category,"
                + " outcome, reason_code, record_id, processed_at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .setParameter(1, batchId)
        .setParameter(2, furnisherId)
        .setParameter(3, furnisherRecordId)
        .setParameter(4, category, String.class)
        .setParameter(5, outcome.name())
        .setParameter(6, reason == null ? null : reason.name(), String.class)
        .setParameter(7, recordId, UUID.class)
        .setParameter(8, Timestamp.from(at))
        .executeUpdate();
  }
}
