package dev.credence.scoring.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The latest step of one dispute over a record, from {@code dispute.updated}. */
@Entity
@Table(name = "record_dispute")
public class RecordDispute extends PanacheEntityBase {
  public static final String OPEN = "OPEN";

  @Id
  @Column(name = "dispute_id")
  public UUID disputeId;

  public long sequence;

  @Column(name = "subject_id")
  public String subjectId;

  @Column(name = "record_id")
  public UUID recordId;

  @Column(name = "furnisher_id")
  public String furnisherId;

  public String status;

  @Column(name = "changed_at")
  public Instant changedAt;

  /** A record of the subject that counts while a dispute over it is open. */
  public record Disputed(
      UUID recordId,
      String category,
      String furnisherId,
      LocalDate reportedOn,
      UUID disputeId,
      Instant disputedSince) {}

  /** The subject's records that are currently disputed (dispute OPEN), oldest dispute first. */
  public static List<Disputed> openForSubject(String subjectId) {
    return getEntityManager()
        .createQuery(
            "select r.recordId, r.category, r.key.furnisherId, r.reportedOn, d.disputeId,"
                + " d.changedAt from RecordDispute d, SubjectRecord r"
                + " where d.subjectId = ?1 and r.subjectId = ?1 and r.recordId = d.recordId"
                + " and d.status = 'OPEN' order by d.changedAt, d.disputeId",
            Object[].class)
        .setParameter(1, subjectId)
        .getResultList()
        .stream()
        .map(
            row ->
                new Disputed(
                    (UUID) row[0],
                    (String) row[1],
                    (String) row[2],
                    (LocalDate) row[3],
                    (UUID) row[4],
                    (Instant) row[5]))
        .toList();
  }
}
