package dev.credence.consent.model;

import dev.credence.common.events.DisputeStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subject's dispute over one record; its status follows ingestion's dispute.updated events. */
@Entity
public class Dispute extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "subject_id")
  public String subjectId;

  @Column(name = "record_id")
  public UUID recordId;

  /**
   * The version of the record the dispute is about now, when the furnisher updated the record while
   * the dispute was open (ingestion moves the dispute along); null: still {@link #recordId}.
   */
  @Column(name = "current_record_id")
  public UUID currentRecordId;

  /** The version the dispute is about now. */
  public UUID currentRecord() {
    return currentRecordId == null ? recordId : currentRecordId;
  }

  @Column(name = "furnisher_id")
  public String furnisherId;

  /** The subject's own words: personal data, never logged. */
  public String reason;

  @Column(name = "opened_by")
  public String openedBy;

  @Column(name = "opened_at")
  public Instant openedAt;

  /** Whether the record was confirmed as the subject's against ingestion before opening. */
  @Column(name = "record_checked")
  public boolean recordChecked;

  @Enumerated(EnumType.STRING)
  public DisputeStatus status;

  @Column(name = "status_sequence")
  public long statusSequence;

  @Column(name = "status_changed_at")
  public Instant statusChangedAt;

  public static List<Dispute> ofSubject(String subjectId) {
    return list("subjectId = ?1 order by openedAt desc", subjectId);
  }
}
