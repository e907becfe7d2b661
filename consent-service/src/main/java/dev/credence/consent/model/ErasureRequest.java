package dev.credence.consent.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subject's erasure request and what consent-service did about it at once. */
@Entity
@Table(name = "erasure_request")
public class ErasureRequest extends PanacheEntityBase {
  /** consent-service's part is done and the other services are told (subject.erasure-requested). */
  public static final String ACCEPTED = "ACCEPTED";

  @Id public UUID id;

  @Column(name = "subject_id")
  public String subjectId;

  @Column(name = "requested_at")
  public Instant requestedAt;

  @Column(name = "requested_by")
  public String requestedBy;

  public String status;

  @Column(name = "consents_revoked")
  public int consentsRevoked;

  @Column(name = "requests_rejected")
  public int requestsRejected;

  @Column(name = "identifiers_erased")
  public int identifiersErased;

  public static List<ErasureRequest> ofSubject(String subjectId) {
    return list("subjectId = ?1 order by requestedAt desc", subjectId);
  }
}
