package dev.credence.scoring.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A lender pulled a subject's score: HARD for a credit decision, SOFT for a review. */
@Entity
@Table(name = "inquiry")
public class Inquiry extends PanacheEntityBase {
  public static final String HARD = "HARD";
  public static final String SOFT = "SOFT";

  @Id public UUID id;

  @Column(name = "subject_id")
  public String subjectId;

  @Column(name = "lender_id")
  public String lenderId;

  public String purpose;
  public String kind;

  @Column(name = "disclosure_id")
  public UUID disclosureId;

  @Column(name = "inquired_at")
  public Instant inquiredAt;

  /** When the subject's hard inquiries since {@code from} were made. */
  public static List<Instant> hardSince(String subjectId, Instant from) {
    return getEntityManager()
        .createQuery(
            "select i.inquiredAt from Inquiry i where i.subjectId = ?1 and i.kind = 'HARD'"
                + " and i.inquiredAt > ?2",
            Instant.class)
        .setParameter(1, subjectId)
        .setParameter(2, from)
        .getResultList();
  }
}
