package dev.credence.scoring.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One answer released to a lender: who, whom, why, under which consent, what, from which inputs.
 */
@Entity
@Table(name = "disclosure")
public class Disclosure extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "lender_id")
  public String lenderId;

  @Column(name = "subject_id")
  public String subjectId;

  public String purpose;

  @Column(name = "consent_id")
  public UUID consentId;

  /** SCORED or NO_SCORE. */
  public String outcome;

  public Integer score;
  public String band;

  @Column(name = "no_score_reason")
  public String noScoreReason;

  /** JSON array of {code, text, pointsLost}. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "reason_codes")
  public String reasonCodes;

  @Column(name = "scale_min")
  public int scaleMin;

  @Column(name = "scale_max")
  public int scaleMax;

  @Column(name = "model_id")
  public String modelId;

  @Column(name = "model_version")
  public String modelVersion;

  @Column(name = "snapshot_hash")
  public String snapshotHash;

  /** Canonical JSON of the feature values the score was computed from. */
  @JdbcTypeCode(SqlTypes.JSON)
  public String features;

  @Column(name = "data_as_of")
  public LocalDate dataAsOf;

  @Column(name = "computed_at")
  public Instant computedAt;

  /** PERSON or ORGANISATION. */
  @Column(name = "subject_type")
  public String subjectType = "PERSON";

  /** Organisations: the payment index (null when there were too few invoices). */
  @Column(name = "payment_index")
  public Integer paymentIndex;

  @Column(name = "payment_index_invoices")
  public Integer paymentIndexInvoices;

  @Column(name = "payment_index_dbt")
  public java.math.BigDecimal paymentIndexDbt;

  /** Organisations: JSON array of the records that cost points (see OrganisationRating). */
  @JdbcTypeCode(SqlTypes.JSON)
  public String deductions = "[]";

  /** Organisations: JSON array of the penalty-domain summaries (see OrganisationRating). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "penalty_domains")
  public String penaltyDomains = "[]";

  /** How many of the records the answer drew on were under an open dispute. */
  @Column(name = "disputed_records")
  public int disputedRecords;

  public static long countForConsent(UUID consentId) {
    return count("consentId", consentId);
  }
}
