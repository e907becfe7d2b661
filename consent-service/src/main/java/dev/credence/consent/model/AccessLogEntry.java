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

  /**
   * 1: entries written before the score was kept (their hash covers the fields above); 2: the hash
   * also covers the score, model and feature snapshot released.
   */
  @Column(name = "content_version")
  public short contentVersion = CURRENT_VERSION;

  public static final short CURRENT_VERSION = 2;

  /** The score released (a person's score, an organisation's rating); null when none was. */
  public Integer score;

  @Column(name = "model_id")
  public String modelId;

  @Column(name = "model_version")
  public String modelVersion;

  /** The hash of the feature snapshot the score was computed from (scoring-service keeps it). */
  @Column(name = "snapshot_hash")
  public String snapshotHash;

  /**
   * The canonical content the hash covers: every field but the hashes and the recording time. A
   * version 2 entry's content names its version, so an entry cannot be passed off as version 1 to
   * drop its score from the hash.
   */
  public String canonicalContent() {
    String v1 =
        String.join(
            "|",
            Long.toString(sequence),
            disclosureId.toString(),
            subjectId,
            lenderId,
            purpose,
            consentId == null ? "" : consentId.toString(),
            outcome,
            disclosedAt.toString());
    if (contentVersion == 1) {
      // an entry written before V10 held no score: one that holds one now was changed since, and
      // its content must not hash as it did (score and model would pass unchecked otherwise)
      boolean added =
          score != null || modelId != null || modelVersion != null || snapshotHash != null;
      return added ? v1 + "|fields added to a version 1 entry" : v1;
    }
    return String.join(
        "|",
        v1,
        "v" + contentVersion,
        score == null ? "" : score.toString(),
        orEmpty(modelId),
        orEmpty(modelVersion),
        orEmpty(snapshotHash));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
