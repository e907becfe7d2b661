package dev.credence.consent.model;

import dev.credence.common.events.SubjectType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;

/** A data subject: a person enrolled through the portal, or a registered organisation. */
@Entity
public class Subject extends PanacheEntityBase {
  @Id public String id;

  @Enumerated(EnumType.STRING)
  @Column(name = "subject_type")
  public SubjectType subjectType;

  @Column(name = "enrolled_at")
  public Instant enrolledAt;

  @Column(name = "keycloak_sub")
  public String keycloakSub;

  /** When the subject's erasure was requested; an erased subject takes no new consents. */
  @Column(name = "erased_at")
  public Instant erasedAt;
}
