package dev.credence.consent.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A signed consent receipt, issued on grant (or approval) and on revocation. Append-only. */
@Entity
@Table(name = "consent_receipt")
public class ConsentReceipt extends PanacheEntityBase {
  public enum Kind {
    GRANT,
    REVOCATION
  }

  @Id public UUID id;

  @Column(name = "consent_id")
  public UUID consentId;

  @Column(name = "subject_id")
  public String subjectId;

  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
  public Kind kind;

  public long sequence;

  @Column(name = "issued_at")
  public Instant issuedAt;

  public String jws;

  public static List<ConsentReceipt> ofConsent(UUID consentId) {
    return list("consentId = ?1 order by sequence", consentId);
  }
}
