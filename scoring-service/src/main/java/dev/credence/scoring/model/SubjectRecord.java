package dev.credence.scoring.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The current version of one furnished record, from {@code record.accepted}. */
@Entity
@Table(name = "subject_record")
public class SubjectRecord extends PanacheEntityBase {

  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "furnisher_id")
    public String furnisherId;

    @Column(name = "furnisher_record_id")
    public String furnisherRecordId;

    public Key() {}

    public Key(String furnisherId, String furnisherRecordId) {
      this.furnisherId = furnisherId;
      this.furnisherRecordId = furnisherRecordId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(furnisherId, k.furnisherId)
          && Objects.equals(furnisherRecordId, k.furnisherRecordId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(furnisherId, furnisherRecordId);
    }
  }

  @EmbeddedId public Key key;

  @Column(name = "record_id")
  public UUID recordId;

  @Column(name = "subject_id")
  public String subjectId;

  public String category;

  @Column(name = "reported_on")
  public LocalDate reportedOn;

  /** The record's data as JSON text (schema of its category). */
  @JdbcTypeCode(SqlTypes.JSON)
  public String data;

  /**
   * A record as the score path reads it: no managed entity, the JSON as text, and whether a dispute
   * over it is open.
   */
  public record Row(
      UUID recordId, String category, String data, LocalDate reportedOn, boolean disputed) {}
}
