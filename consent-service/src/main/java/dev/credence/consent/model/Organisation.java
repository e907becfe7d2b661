package dev.credence.consent.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

/** A registered organisation; its subject row carries the type ORGANISATION. */
@Entity
public class Organisation extends PanacheEntityBase {
  @Id
  @Column(name = "subject_id")
  public String subjectId;

  @Column(name = "legal_name")
  public String legalName;

  public String country;

  /** Public identifiers, kept in clear here; other services only receive their keyed hashes. */
  @Column(name = "registration_number")
  public String registrationNumber;

  public String lei;

  @Column(name = "registered_at")
  public Instant registeredAt;

  @Column(name = "registered_by")
  public String registeredBy;
}
