package dev.credence.ingestion.model;

import dev.credence.common.outbox.CustomPlans;
import dev.credence.ingestion.domain.Outcome;
import dev.credence.ingestion.domain.ReasonCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Writes furnished records and the ingestion report in bulk: one multi-row statement ({@code insert
 * … select from unnest(…)}) per table and chunk instead of one round trip per record, which is what
 * lets the streaming path reach its throughput. Callers hold the transaction and the furnisher's
 * intake lock ({@link #lockFurnisher}).
 */
@ApplicationScoped
public class RecordStore {
  @Inject EntityManager em;

  /** One stored version of a furnisher record. */
  public record Version(
      UUID id,
      String furnisherRecordId,
      int version,
      String contentHash,
      LocalDate reportedOn,
      String status,
      UUID replacedBy,
      String disputeStatus,
      String subjectId,
      String category,
      LocalDate agesOutOn) {
    public boolean current() {
      return replacedBy == null;
    }
  }

  /** The row to insert. */
  public record NewRecord(
      UUID id,
      String furnisherId,
      String furnisherRecordId,
      int version,
      UUID supersedes,
      String subjectId,
      String category,
      int schemaVersion,
      String dataJson,
      String contentHash,
      LocalDate reportedOn,
      boolean consentBound,
      LocalDate agesOutOn,
      Instant receivedAt) {}

  /** One line of the ingestion report. */
  public record OutcomeRow(
      UUID batchId,
      String furnisherId,
      Long lineNo,
      String furnisherRecordId,
      String category,
      Outcome outcome,
      ReasonCode reason,
      String message,
      UUID recordId,
      Instant at) {}

  /**
   * Serialises intake per furnisher until the transaction ends, so the versions read for a chunk
   * stay true while it is written (two requests of one furnisher never race on a record id).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void lockFurnisher(String furnisherId) {
    session()
        .doWork(
            c -> {
              // and the chunk's statements planned for the tables as they are now (CustomPlans):
              // a plan kept from when furnished_record was small would scan all of it per chunk
              try (PreparedStatement lock =
                  c.prepareStatement(
                      "select pg_advisory_xact_lock(hashtext(?), 4), " + CustomPlans.SQL)) {
                lock.setString(1, "ingestion:" + furnisherId);
                lock.execute();
              }
            });
  }

  /** Every version of these furnisher record ids, oldest first. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Version> versions(String furnisherId, Collection<String> furnisherRecordIds) {
    List<Version> versions = new ArrayList<>();
    if (furnisherRecordIds.isEmpty()) {
      return versions;
    }
    session()
        .doWork(
            c -> {
              try (PreparedStatement q =
                  c.prepareStatement(
                      "select id, furnisher_record_id, version, content_hash, reported_on, status,"
                          + " replaced_by, dispute_status, subject_id, category, ages_out_on"
                          + " from furnished_record where furnisher_id = ?"
                          + " and furnisher_record_id = any(?) order by version")) {
                q.setString(1, furnisherId);
                q.setArray(2, c.createArrayOf("text", furnisherRecordIds.toArray()));
                try (ResultSet rs = q.executeQuery()) {
                  while (rs.next()) {
                    versions.add(
                        new Version(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getObject(5, LocalDate.class),
                            rs.getString(6),
                            rs.getObject(7, UUID.class),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getObject(11, LocalDate.class)));
                  }
                }
              }
            });
    return versions;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void insertAll(List<NewRecord> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    Object[] ids = new Object[n];
    Object[] furnishers = new Object[n];
    Object[] recordIds = new Object[n];
    Object[] versions = new Object[n];
    Object[] supersedes = new Object[n];
    Object[] subjects = new Object[n];
    Object[] categories = new Object[n];
    Object[] schemaVersions = new Object[n];
    Object[] data = new Object[n];
    Object[] hashes = new Object[n];
    Object[] reported = new Object[n];
    Object[] consentBound = new Object[n];
    Object[] agesOut = new Object[n];
    Object[] received = new Object[n];
    for (int i = 0; i < n; i++) {
      NewRecord r = rows.get(i);
      ids[i] = r.id();
      furnishers[i] = r.furnisherId();
      recordIds[i] = r.furnisherRecordId();
      versions[i] = r.version();
      supersedes[i] = r.supersedes();
      subjects[i] = r.subjectId();
      categories[i] = r.category();
      schemaVersions[i] = r.schemaVersion();
      data[i] = r.dataJson();
      hashes[i] = r.contentHash();
      reported[i] = Date.valueOf(r.reportedOn());
      consentBound[i] = r.consentBound();
      agesOut[i] = r.agesOutOn() == null ? null : Date.valueOf(r.agesOutOn());
      received[i] = Timestamp.from(r.receivedAt());
    }
    session()
        .doWork(
            c -> {
              try (PreparedStatement insert =
                  c.prepareStatement(
                      "insert into furnished_record (id, furnisher_id, furnisher_record_id,"
                          + " version, supersedes, subject_id, category, schema_version, data,"
                          + " content_hash, reported_on, consent_bound, ages_out_on, received_at,"
                          + " status) select a, b, c, d, e, f, g, h, cast(i as jsonb), j, k, l, m,"
                          + " n, 'ACTIVE' from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                          + " as u(a, b, c, d, e, f, g, h, i, j, k, l, m, n)")) {
                int p = 1;
                insert.setArray(p++, arr(c, "uuid", ids));
                insert.setArray(p++, arr(c, "text", furnishers));
                insert.setArray(p++, arr(c, "text", recordIds));
                insert.setArray(p++, arr(c, "int4", versions));
                insert.setArray(p++, arr(c, "uuid", supersedes));
                insert.setArray(p++, arr(c, "text", subjects));
                insert.setArray(p++, arr(c, "text", categories));
                insert.setArray(p++, arr(c, "int4", schemaVersions));
                insert.setArray(p++, arr(c, "text", data));
                insert.setArray(p++, arr(c, "text", hashes));
                insert.setArray(p++, arr(c, "date", reported));
                insert.setArray(p++, arr(c, "bool", consentBound));
                insert.setArray(p++, arr(c, "date", agesOut));
                insert.setArray(p, arr(c, "timestamptz", received));
                insert.executeUpdate();
              }
            });
  }

  /**
   * Marks old versions as replaced by their corrections; an {@code ACTIVE} one becomes {@code
   * SUPERSEDED}, a withdrawn one keeps its status.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void markReplaced(List<UUID> oldIds, List<UUID> newIds, Instant at) {
    if (oldIds.isEmpty()) {
      return;
    }
    session()
        .doWork(
            c -> {
              try (PreparedStatement update =
                  c.prepareStatement(
                      "update furnished_record r set replaced_by = u.n,"
                          + " status = case when r.status = 'ACTIVE' then 'SUPERSEDED'"
                          + " else r.status end,"
                          + " withdrawn_at = coalesce(r.withdrawn_at, ?)"
                          + " from unnest(?, ?) as u(o, n) where r.id = u.o")) {
                update.setTimestamp(1, Timestamp.from(at));
                update.setArray(2, arr(c, "uuid", oldIds.toArray()));
                update.setArray(3, arr(c, "uuid", newIds.toArray()));
                update.executeUpdate();
              }
            });
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void insertOutcomes(List<OutcomeRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    Object[] batch = new Object[n];
    Object[] furnisher = new Object[n];
    Object[] line = new Object[n];
    Object[] recordIds = new Object[n];
    Object[] category = new Object[n];
    Object[] outcome = new Object[n];
    Object[] reason = new Object[n];
    Object[] message = new Object[n];
    Object[] record = new Object[n];
    Object[] at = new Object[n];
    for (int i = 0; i < n; i++) {
      OutcomeRow r = rows.get(i);
      batch[i] = r.batchId();
      furnisher[i] = r.furnisherId();
      line[i] = r.lineNo();
      recordIds[i] = r.furnisherRecordId();
      category[i] = r.category();
      outcome[i] = r.outcome().name();
      reason[i] = r.reason() == null ? null : r.reason().name();
      message[i] = r.message();
      record[i] = r.recordId();
      at[i] = Timestamp.from(r.at());
    }
    session()
        .doWork(
            c -> {
              try (PreparedStatement insert =
                  c.prepareStatement(
                      "insert into ingestion_outcome (batch_id, furnisher_id, line_no,"
                          + " furnisher_record_id, category, outcome, reason_code, message,"
                          + " record_id, processed_at) select * from unnest(?, ?, ?, ?, ?, ?, ?,"
                          + " ?, ?, ?)")) {
                int p = 1;
                insert.setArray(p++, arr(c, "uuid", batch));
                insert.setArray(p++, arr(c, "text", furnisher));
                insert.setArray(p++, arr(c, "int8", line));
                insert.setArray(p++, arr(c, "text", recordIds));
                insert.setArray(p++, arr(c, "text", category));
                insert.setArray(p++, arr(c, "text", outcome));
                insert.setArray(p++, arr(c, "text", reason));
                insert.setArray(p++, arr(c, "text", message));
                insert.setArray(p++, arr(c, "uuid", record));
                insert.setArray(p, arr(c, "timestamptz", at));
                insert.executeUpdate();
              }
            });
  }

  private Session session() {
    return em.unwrap(Session.class);
  }

  private static Array arr(Connection c, String type, Object[] values) throws SQLException {
    return c.createArrayOf(type, values);
  }
}
