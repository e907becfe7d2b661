package dev.credence.scoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.credence.common.events.DisclosureRecorded;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Events;
import dev.credence.common.events.Purpose;
import dev.credence.common.events.Topics;
import dev.credence.common.identity.Ids;
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
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Prepares what a release leaves behind: the disclosure (with the feature snapshot and its hash),
 * the inquiry (hard or soft), and a {@code disclosure.recorded} event for the outbox, and the view
 * the lender gets; {@link ReleaseWriter} writes them. Reads a disclosure back for the lender that
 * owns it.
 */
@ApplicationScoped
public class DisclosureService {
  static final String PRODUCER = "scoring-service";
  private static final TypeReference<List<ReasonCode>> REASONS = new TypeReference<>() {};
  private static final TypeReference<List<OrganisationRating.Deduction>> DEDUCTIONS =
      new TypeReference<>() {};
  private static final TypeReference<List<OrganisationRating.PenaltyDomain>> DOMAINS =
      new TypeReference<>() {};

  @Inject Outbox outbox;
  @Inject Topics topics;

  public Prepared release(
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
    return record(d, purpose, reasons, List.of(), List.of());
  }

  /**
   * An organisation's rating: the score is the compliance rating on {@code floor..start}, the band
   * its grade, the reason codes the deductions summed per reason code (up to four, largest first),
   * and the disclosure keeps every deduction and the payment index.
   */
  public Prepared releaseOrganisation(
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
    d.penaltyDomains = json(rating.penaltyDomains());
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
    return record(d, purpose, reasons, rating.deductions(), rating.penaltyDomains());
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
    d.id = Ids.timeOrdered(); // appended to the index, not scattered (Ids)
    d.lenderId = lenderId;
    d.subjectId = subjectId;
    d.purpose = purpose.name();
    d.consentId = consentId;
    d.computedAt = now;
    return d;
  }

  /** A release ready to be written ({@link ReleaseWriter}) and the answer it gives once written. */
  public record Prepared(ReleaseWriter.Release release, DisclosureView view) {}

  /**
   * The rows a release leaves behind — the disclosure, its inquiry (hard or soft) and its {@code
   * disclosure.recorded} outbox row — and the view the lender gets; nothing is written yet.
   */
  private Prepared record(
      Disclosure d,
      Purpose purpose,
      List<ReasonCode> reasons,
      List<OrganisationRating.Deduction> deductions,
      List<OrganisationRating.PenaltyDomain> domains) {
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
    return new Prepared(
        new ReleaseWriter.Release(d, purpose.hardInquiry() ? Inquiry.HARD : Inquiry.SOFT, event),
        view(d, reasons, deductions, domains));
  }

  /**
   * The disclosure if it exists and belongs to this lender; otherwise empty (never "forbidden").
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<DisclosureView> find(UUID id, String lenderId) {
    return Disclosure.<Disclosure>findByIdOptional(id)
        .filter(d -> d.lenderId.equals(lenderId))
        .map(
            d ->
                view(
                    d,
                    read(d.reasonCodes, REASONS),
                    read(d.deductions, DEDUCTIONS),
                    read(d.penaltyDomains, DOMAINS)));
  }

  private static DisclosureView view(
      Disclosure d,
      List<ReasonCode> reasons,
      List<OrganisationRating.Deduction> deductions,
      List<OrganisationRating.PenaltyDomain> domains) {
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
                deductions,
                domains)
            : null);
  }

  private static String json(List<?> reasons) {
    try {
      return EventCodec.mapper().writeValueAsString(reasons);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Reason codes could not be serialised", e);
    }
  }

  private static <T> List<T> read(String json, TypeReference<List<T>> type) {
    if (json == null) {
      return List.of();
    }
    try {
      return EventCodec.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored disclosure part is unreadable", e);
    }
  }
}
