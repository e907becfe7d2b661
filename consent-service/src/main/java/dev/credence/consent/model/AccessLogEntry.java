package dev.credence.consent.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One disclosure of a subject's score, as the subject and auditors see it. Append-only. */
@Entity
@Table(name = "access_log_entry")
public class AccessLogEntry extends PanacheEntityBase {
  @Id public long sequence;

  @Column(name = "disclosure_id")
  public UUID disclosureId;

  @Column(name = "subject_id")
  public String subjectId;

  @Column(name = "lender_id")
  public String lenderId;

  public String purpose;

  @Column(name = "consent_id")
  public UUID consentId;

  public String outcome;

  @Column(name = "disclosed_at")
  public Instant disclosedAt;

  @Column(name = "recorded_at")
  public Instant recordedAt;

  @Column(name = "prev_hash")
  public String prevHash;

  @Column(name = "entry_hash")
  public String entryHash;

  /** The canonical content the hash covers (every field but the hashes and recording time). */
  public String canonicalContent() {
    return String.join(
        "|",
        Long.toString(sequence),
        disclosureId.toString(),
        subjectId,
        lenderId,
        purpose,
        consentId == null ? "" : consentId.toString(),
        outcome,
        disclosedAt.toString());
  }
}
