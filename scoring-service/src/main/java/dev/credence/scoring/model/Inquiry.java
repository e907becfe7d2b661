package dev.credence.scoring.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
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

  /**
   * How many hard inquiries of the subject were made in {@code [from, to)}: one aggregate over the
   * (subject_id, kind, inquired_at) index instead of loading every inquiry.
   */
  public static long countHard(String subjectId, Instant from, Instant to) {
    return getEntityManager()
        .createQuery(
            "select count(i) from Inquiry i where i.subjectId = ?1 and i.kind = 'HARD'"
                + " and i.inquiredAt >= ?2 and i.inquiredAt < ?3",
            Long.class)
        .setParameter(1, subjectId)
        .setParameter(2, from)
        .setParameter(3, to)
        .getSingleResult();
  }

  /**
   * The UTC dates of the subject's hard inquiries in {@code [from, to)}, at most {@code limit} of
   * them (the latest): for the person's own view, where each inquiry's age decides when it leaves
   * the count.
   */
  public static java.util.List<java.time.LocalDate> hardDates(
      String subjectId, Instant from, Instant to, int limit) {
    return getEntityManager()
        .createQuery(
            "select i.inquiredAt from Inquiry i where i.subjectId = ?1 and i.kind = 'HARD'"
                + " and i.inquiredAt >= ?2 and i.inquiredAt < ?3 order by i.inquiredAt desc",
            Instant.class)
        .setParameter(1, subjectId)
        .setParameter(2, from)
        .setParameter(3, to)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(at -> java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC))
        .toList();
  }
}
