package dev.credence.scoring.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A subject known from {@code subject.registered}. */
@Entity
@Table(name = "subject_view")
public class SubjectView extends PanacheEntityBase {
  @Id
  @Column(name = "subject_id")
  public String subjectId;

  @Column(name = "subject_type")
  public String subjectType;

  @Column(name = "registered_at")
  public Instant registeredAt;
}
