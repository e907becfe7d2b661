package dev.credence.scoring.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The latest state of one consent, from {@code consent.changed} (highest sequence wins). */
@Entity
@Table(name = "consent_view")
public class ConsentView extends PanacheEntityBase {
  @Id
  @Column(name = "consent_id")
  public UUID consentId;

  public long sequence;

  @Column(name = "subject_id")
  public String subjectId;

  @Column(name = "grantee_id")
  public String granteeId;

  public String direction;
  public String purpose;
  public String[] categories;
  public String status;

  @Column(name = "starts_at")
  public Instant startsAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "usage_limit")
  public Integer usageLimit;

  @Column(name = "changed_at")
  public Instant changedAt;

  /**
   * ACTIVE DISCLOSE consents of the subject for this grantee and purpose that are valid at {@code
   * now}, soonest expiry first. Read without a lock: a limited consent is claimed afterwards with
   * {@link #claimUse}, an unlimited one needs no claim.
   */
  public static List<ConsentView> usable(
      String subjectId, String granteeId, String purpose, Instant now) {
    return list(
        "subjectId = ?1 and granteeId = ?2 and purpose = ?3 and direction = 'DISCLOSE'"
            + " and status = 'ACTIVE' and startsAt <= ?4 and expiresAt > ?4"
            + " order by expiresAt, consentId",
        subjectId,
        granteeId,
        purpose,
        now);
  }

  /**
   * Takes one use of a limited consent atomically: true when the consent was still ACTIVE, valid at
   * {@code now} and under its limit (the counter then holds one more use, until the transaction
   * ends — a rollback gives it back). Concurrent claims serialise on the row only for the update.
   */
  public static boolean claimUse(UUID consentId, Instant now) {
    return getEntityManager()
            .createNativeQuery(
                "update consent_view set used = used + 1 where consent_id = ?1"
                    + " and status = 'ACTIVE' and starts_at <= ?2 and expires_at > ?2"
                    + " and usage_limit is not null and used < usage_limit")
            .setParameter(1, consentId)
            .setParameter(2, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
            .executeUpdate()
        == 1;
  }
}
