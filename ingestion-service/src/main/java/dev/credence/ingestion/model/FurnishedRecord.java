package dev.credence.ingestion.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An accepted record (read side). Rows are written by {@link RecordStore} with {@code insert … on
 * conflict do nothing}, the deduplication the entity manager cannot express.
 */
@Entity
@Table(name = "furnished_record")
public class FurnishedRecord extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "furnisher_id")
  public String furnisherId;

  @Column(name = "furnisher_record_id")
  public String furnisherRecordId;

  @Column(name = "subject_id")
  public String subjectId;

  public String category;

  @Column(name = "schema_version")
  public int schemaVersion;

  @JdbcTypeCode(SqlTypes.JSON)
  public String data;

  @Column(name = "content_hash")
  public String contentHash;

  @Column(name = "reported_on")
  public LocalDate reportedOn;

  @Column(name = "received_at")
  public Instant receivedAt;

  public String status;

  /** The record, if that furnisher sent it: another furnisher's record does not exist for them. */
  public static Optional<FurnishedRecord> findForFurnisher(UUID id, String furnisherId) {
    return find("id = ?1 and furnisherId = ?2", id, furnisherId).firstResultOptional();
  }
}
