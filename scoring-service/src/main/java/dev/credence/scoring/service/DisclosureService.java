package dev.credence.scoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.credence.common.events.DisclosureRecorded;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Events;
import dev.credence.common.events.Purpose;
import dev.credence.common.events.Topics;
import dev.credence.common.outbox.Outbox;
import dev.credence.scoring.domain.Extraction;
import dev.credence.scoring.domain.FeatureVector;
import dev.credence.scoring.domain.NoScoreReason;
import dev.credence.scoring.domain.OrganisationRating;
import dev.credence.scoring.domain.RatingModel;
import dev.credence.scoring.domain.ReasonCode;
import dev.credence.scoring.domain.ScoreOutcome;
import dev.credence.scoring.domain.ScoreResult;
import dev.credence.scoring.domain.Scorecard;
import dev.credence.scoring.domain.ScorecardFeature;
import dev.credence.scoring.domain.SnapshotHash;
import dev.credence.scoring.model.Disclosure;
import dev.credence.scoring.model.Inquiry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Writes what a release leaves behind, in the caller's transaction: the disclosure (with the
 * feature snapshot and its hash), the inquiry (hard or soft), and a {@code disclosure.recorded}
 * event through the outbox. Reads a disclosure back for the lender that owns it.
 */
@ApplicationScoped
public class DisclosureService {
  static final String PRODUCER = "scoring-service";
  private static final TypeReference<List<ReasonCode>> REASONS = new TypeReference<>() {};
  private static final TypeReference<List<OrganisationRating.Deduction>> DEDUCTIONS =
      new TypeReference<>() {};

  @Inject Outbox outbox;
  @Inject EntityManager em;
  @Inject Topics topics;

  @Transactional(Transactional.TxType.MANDATORY)
  public DisclosureView release(
      String lenderId,
      String subjectId,
      Purpose purpose,
      UUID consentId,
      Scorecard card,
      Extraction extraction,
      ScoreOutcome outcome,
      int disputedRecords,
      Instant now) {
    Disclosure d = newDisclosure(lenderId, subjectId, purpose, consentId, now);
    d.disputedRecords = disputedRecords;
    List<ReasonCode> reasons = List.of();
    if (outcome instanceof ScoreOutcome.Scored scored) {
      ScoreResult r = scored.result();
      d.outcome = DisclosureView.SCORED;
      d.score = r.score();
      d.band = r.band();
      reasons = r.reasonCodes();
    } else {
      d.outcome = DisclosureView.NO_SCORE;
      d.noScoreReason = ((ScoreOutcome.NoScore) outcome).reason().name();
    }
    d.reasonCodes = json(reasons);
    d.scaleMin = card.scaling().min();
    d.scaleMax = card.scaling().max();
    d.modelId = card.id();
    d.modelVersion = card.version();
    // the snapshot holds the features the model used: a feature it ignores cannot change the score
    FeatureVector used =
        extraction
            .features()
            .restrictTo(card.features().stream().map(ScorecardFeature::name).toList());
    d.features = SnapshotHash.canonicalFeatures(used);
    d.snapshotHash = SnapshotHash.of(card.id(), card.version(), used);
    d.dataAsOf = extraction.summary().latestTradelineReportedOn();
    return record(d, purpose, reasons, List.of());
  }

  /**
   * An organisation's rating: the score is the compliance rating on {@code floor..start}, the band
   * its grade, the reason codes the deductions summed per reason code (up to four, largest first),
   * and the disclosure keeps every deduction and the payment index.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public DisclosureView releaseOrganisation(
      String lenderId,
      String subjectId,
      Purpose purpose,
      UUID consentId,
      RatingModel model,
      OrganisationRating rating,
      int disputedRecords,
      Instant now) {
    Disclosure d = newDisclosure(lenderId, subjectId, purpose, consentId, now);
    d.disputedRecords = disputedRecords;
    d.subjectType = "ORGANISATION";
    List<ReasonCode> reasons = List.of();
    if (rating.rated()) {
      d.outcome = DisclosureView.SCORED;
      d.score = rating.rating();
      d.band = rating.grade();
      reasons = organisationReasons(rating.deductions());
    } else {
      d.outcome = DisclosureView.NO_SCORE;
      d.noScoreReason = rating.noScoreReason().name();
    }
    d.reasonCodes = json(reasons);
    d.deductions = json(rating.deductions());
    d.paymentIndex = rating.paymentIndex().index();
    d.paymentIndexInvoices = rating.paymentIndex().invoices();
    d.paymentIndexDbt =
        rating.paymentIndex().weightedDaysBeyondTerms() == null
            ? null
            : java.math.BigDecimal.valueOf(rating.paymentIndex().weightedDaysBeyondTerms());
    d.scaleMin = model.floor();
    d.scaleMax = model.start();
    d.modelId = model.id();
    d.modelVersion = model.version();
    d.features = SnapshotHash.canonicalFeatures(rating.snapshot());
    d.snapshotHash = SnapshotHash.of(model.id(), model.version(), rating.snapshot());
    d.dataAsOf = rating.dataAsOf();
    return record(d, purpose, reasons, rating.deductions());
  }

  /** Deductions summed per reason code, the four costliest first (ties: first listed). */
  public static List<ReasonCode> organisationReasons(
      List<OrganisationRating.Deduction> deductions) {
    java.util.Map<String, int[]> lost = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> text = new java.util.HashMap<>();
    for (OrganisationRating.Deduction x : deductions) {
      lost.computeIfAbsent(x.reasonCode(), k -> new int[1])[0] += x.points();
      text.putIfAbsent(x.reasonCode(), x.text());
    }
    return lost.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]))
        .limit(4)
        .map(e -> new ReasonCode(e.getKey(), text.get(e.getKey()), e.getValue()[0], null))
        .toList();
  }

  private static Disclosure newDisclosure(
      String lenderId, String subjectId, Purpose purpose, UUID consentId, Instant now) {
    Disclosure d = new Disclosure();
    d.id = UUID.randomUUID();
    d.lenderId = lenderId;
    d.subjectId = subjectId;
    d.purpose = purpose.name();
    d.consentId = consentId;
    d.computedAt = now;
    return d;
  }

  /**
   * Writes the disclosure, its inquiry and its {@code disclosure.recorded} outbox row with one SQL
   * statement (data-modifying CTEs): one round trip and no entity bookkeeping on the score path, in
   * the caller's transaction like before.
   */
  private DisclosureView record(
      Disclosure d,
      Purpose purpose,
      List<ReasonCode> reasons,
      List<OrganisationRating.Deduction> deductions) {
    Outbox.Row event =
        outbox.row(
            topics.disclosures(),
            EventCodec.envelope(
                Events.DISCLOSURE_RECORDED,
                d.subjectId,
                PRODUCER,
                new DisclosureRecorded(
                    d.id,
                    d.subjectId,
                    d.lenderId,
                    purpose,
                    d.consentId,
                    d.outcome,
                    d.score,
                    d.modelId,
                    d.modelVersion,
                    d.snapshotHash,
                    d.computedAt),
                d.computedAt));
    Timestamp at = Timestamp.from(d.computedAt);
    em.unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement insert = connection.prepareStatement(RELEASE_SQL)) {
                int i = 0;
                insert.setObject(++i, d.id);
                insert.setString(++i, d.lenderId);
                insert.setString(++i, d.subjectId);
                insert.setString(++i, d.purpose);
                insert.setObject(++i, d.consentId);
                insert.setString(++i, d.outcome);
                insert.setObject(++i, d.score, Types.INTEGER);
                insert.setString(++i, d.band);
                insert.setString(++i, d.noScoreReason);
                insert.setString(++i, d.reasonCodes);
                insert.setInt(++i, d.scaleMin);
                insert.setInt(++i, d.scaleMax);
                insert.setString(++i, d.modelId);
                insert.setString(++i, d.modelVersion);
                insert.setString(++i, d.snapshotHash);
                insert.setString(++i, d.features);
                insert.setObject(++i, d.dataAsOf, Types.DATE);
                insert.setTimestamp(++i, at);
                insert.setString(++i, d.subjectType);
                insert.setObject(++i, d.paymentIndex, Types.INTEGER);
                insert.setObject(++i, d.paymentIndexInvoices, Types.INTEGER);
                insert.setBigDecimal(++i, d.paymentIndexDbt);
                insert.setString(++i, d.deductions);
                insert.setInt(++i, d.disputedRecords);
                // the inquiry
                insert.setObject(++i, UUID.randomUUID());
                insert.setString(++i, purpose.hardInquiry() ? Inquiry.HARD : Inquiry.SOFT);
                // the outbox row
                insert.setObject(++i, event.id());
                insert.setString(++i, event.topic());
                insert.setString(++i, event.key());
                insert.setString(++i, event.type());
                insert.setString(++i, event.payload());
                insert.setTimestamp(++i, event.createdAt());
                insert.executeUpdate();
              }
            });
    outbox.appended();
    return view(d, reasons, deductions);
  }

  /** disclosure + inquiry + outbox row; the inquiry repeats the disclosure's who, whom and when. */
  static final String RELEASE_SQL =
      "with d as (insert into disclosure (id, lender_id, subject_id, purpose, consent_id, outcome,"
          + " score, band, no_score_reason, reason_codes, scale_min, scale_max, model_id,"
          + " model_version, snapshot_hash, features, data_as_of, computed_at, subject_type,"
          + " payment_index, payment_index_invoices, payment_index_dbt, deductions,"
          + " disputed_records)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, cast(? as jsonb),"
          + " ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)"
          + " returning id, subject_id, lender_id, purpose, computed_at),"
          + " i as (insert into inquiry (id, subject_id, lender_id, purpose, kind, disclosure_id,"
          + " inquired_at) select ?, d.subject_id, d.lender_id, d.purpose, ?, d.id, d.computed_at"
          + " from d)"
          + " insert into outbox_event (id, topic, message_key, type, payload, created_at)"
          + " values (?, ?, ?, ?, cast(? as jsonb), ?)";

  /**
   * The disclosure if it exists and belongs to this lender; otherwise empty (never "forbidden").
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<DisclosureView> find(UUID id, String lenderId) {
    return Disclosure.<Disclosure>findByIdOptional(id)
        .filter(d -> d.lenderId.equals(lenderId))
        .map(d -> view(d, reasons(d.reasonCodes), deductions(d.deductions)));
  }

  private static DisclosureView view(
      Disclosure d, List<ReasonCode> reasons, List<OrganisationRating.Deduction> deductions) {
    return new DisclosureView(
        d.id,
        d.subjectId,
        d.lenderId,
        Purpose.valueOf(d.purpose),
        d.consentId,
        d.outcome,
        d.score,
        d.scaleMin,
        d.scaleMax,
        d.band,
        reasons,
        d.noScoreReason == null ? null : NoScoreReason.valueOf(d.noScoreReason),
        d.modelId,
        d.modelVersion,
        d.dataAsOf,
        d.computedAt,
        d.snapshotHash,
        d.subjectType,
        d.disputedRecords,
        "ORGANISATION".equals(d.subjectType)
            ? new DisclosureView.OrganisationPart(
                d.paymentIndex,
                d.paymentIndexInvoices == null ? 0 : d.paymentIndexInvoices,
                d.paymentIndexDbt == null ? null : d.paymentIndexDbt.doubleValue(),
                deductions)
            : null);
  }

  private static String json(List<?> reasons) {
    try {
      return EventCodec.mapper().writeValueAsString(reasons);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Reason codes could not be serialised", e);
    }
  }

  private static List<OrganisationRating.Deduction> deductions(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return EventCodec.mapper().readValue(json, DEDUCTIONS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored deductions are unreadable", e);
    }
  }

  private static List<ReasonCode> reasons(String json) {
    try {
      return EventCodec.mapper().readValue(json, REASONS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored reason codes are unreadable", e);
    }
  }
}
