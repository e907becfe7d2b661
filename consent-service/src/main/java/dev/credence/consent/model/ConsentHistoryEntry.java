package dev.credence.consent.model;

import dev.credence.common.events.ConsentStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One append-only entry of a consent's history: who changed it, when, why. */
@Entity
@Table(name = "consent_history")
public class ConsentHistoryEntry extends PanacheEntityBase {

  @Embeddable
  public record Key(@Column(name = "consent_id") UUID consentId, long sequence)
      implements Serializable {}

  @EmbeddedId public Key key;

  @Enumerated(EnumType.STRING)
  @Column(name = "from_status")
  public ConsentStatus fromStatus;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_status")
  public ConsentStatus toStatus;

  @Column(name = "changed_at")
  public Instant changedAt;

  @Column(name = "changed_by")
  public String changedBy;

  public String reason;

  public static List<ConsentHistoryEntry> of(UUID consentId) {
    return list("key.consentId = ?1 order by key.sequence", consentId);
  }
}
