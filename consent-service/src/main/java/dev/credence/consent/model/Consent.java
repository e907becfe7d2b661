package dev.credence.consent.model;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.consent.domain.ConsentStateMachine;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The current state of a consent artefact. It changes only through {@link ConsentStateMachine};
 * every change is appended to {@link ConsentHistoryEntry} and published as a {@code
 * consent.changed} event.
 */
@Entity
public class Consent extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "subject_id")
  public String subjectId;

  @Column(name = "grantee_id")
  public String granteeId;

  @Enumerated(EnumType.STRING)
  public ConsentDirection direction;

  @Enumerated(EnumType.STRING)
  public Purpose purpose;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "categories", columnDefinition = "text[]")
  public String[] categories;

  @Enumerated(EnumType.STRING)
  public ConsentStatus status;

  @Column(name = "starts_at")
  public Instant startsAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "usage_limit")
  public Integer usageLimit;

  @Column(name = "created_at")
  public Instant createdAt;

  /** The client that requested it (lender requests), or null when the subject granted it. */
  @Column(name = "requested_by")
  public String requestedBy;

  /** Incremented on every change; consumers keep the state with the highest sequence. */
  public long sequence;

  public Set<DataCategory> categorySet() {
    Set<DataCategory> set = EnumSet.noneOf(DataCategory.class);
    Arrays.stream(categories).map(DataCategory::valueOf).forEach(set::add);
    return set;
  }

  public ConsentStatus effectiveStatus(Instant now) {
    return ConsentStateMachine.effectiveStatus(status, expiresAt, now);
  }
}
