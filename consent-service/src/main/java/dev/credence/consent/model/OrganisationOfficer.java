package dev.credence.consent.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A link between an officer (a person's subject id) and an organisation; closed, never deleted. */
@Entity
@Table(name = "organisation_officer")
public class OrganisationOfficer extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "organisation_id")
  public String organisationId;

  @Column(name = "officer_subject_id")
  public String officerSubjectId;

  @Column(name = "linked_at")
  public Instant linkedAt;

  @Column(name = "linked_by")
  public String linkedBy;

  @Column(name = "unlinked_at")
  public Instant unlinkedAt;

  @Column(name = "unlinked_by")
  public String unlinkedBy;

  public static List<OrganisationOfficer> currentOf(String organisationId) {
    return list("organisationId = ?1 and unlinkedAt is null order by linkedAt", organisationId);
  }

  public static List<OrganisationOfficer> currentFor(String officerSubjectId) {
    return list("officerSubjectId = ?1 and unlinkedAt is null", officerSubjectId);
  }

  public static boolean isCurrent(String organisationId, String officerSubjectId) {
    return count(
            "organisationId = ?1 and officerSubjectId = ?2 and unlinkedAt is null",
            organisationId,
            officerSubjectId)
        > 0;
  }
}
