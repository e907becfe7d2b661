package dev.credence.scoring.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
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
   * now}, soonest expiry first, locked until the transaction ends so usage is counted exactly.
   */
  public static List<ConsentView> lockUsable(
      String subjectId, String granteeId, String purpose, Instant now) {
    return find(
            "subjectId = ?1 and granteeId = ?2 and purpose = ?3 and direction = 'DISCLOSE'"
                + " and status = 'ACTIVE' and startsAt <= ?4 and expiresAt > ?4"
                + " order by expiresAt, consentId",
            subjectId,
            granteeId,
            purpose,
            now)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .list();
  }
}
