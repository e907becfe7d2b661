package dev.credence.consent.model;

import dev.credence.common.events.IdentifierType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.io.Serializable;
import java.util.List;

/** A keyed hash of one of a subject's identifiers; the clear value is never stored. */
@Entity
@jakarta.persistence.Table(name = "subject_identifier")
public class SubjectIdentifier extends PanacheEntityBase {

  @Embeddable
  public record Key(
      @Enumerated(EnumType.STRING) @Column(name = "identifier_type") IdentifierType type,
      @Column(name = "identifier_hash") String hash)
      implements Serializable {}

  @EmbeddedId public Key key;

  @Column(name = "subject_id")
  public String subjectId;

  public static List<SubjectIdentifier> ofSubject(String subjectId) {
    return list("subjectId", subjectId);
  }
}
