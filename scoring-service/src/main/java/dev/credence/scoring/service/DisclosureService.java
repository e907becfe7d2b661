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
import dev.credence.scoring.domain.NoScoreReason;
import dev.credence.scoring.domain.ReasonCode;
import dev.credence.scoring.domain.ScoreOutcome;
import dev.credence.scoring.domain.ScoreResult;
import dev.credence.scoring.domain.Scorecard;
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
 * Writes what a release leaves behind, in the caller's transaction: the disclosure (with the
 * feature snapshot and its hash), the inquiry (hard or soft), and a {@code disclosure.recorded}
 * event through the outbox. Reads a disclosure back for the lender that owns it.
 */
@ApplicationScoped
public class DisclosureService {
  static final String PRODUCER = "scoring-service";
  private static final TypeReference<List<ReasonCode>> REASONS = new TypeReference<>() {};

  @Inject Outbox outbox;
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
      Instant now) {
    Disclosure d = new Disclosure();
    d.id = UUID.randomUUID();
    d.lenderId = lenderId;
    d.subjectId = subjectId;
    d.purpose = purpose.name();
    d.consentId = consentId;
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
    d.features = SnapshotHash.canonicalFeatures(extraction.features());
    d.snapshotHash = SnapshotHash.of(card.id(), card.version(), extraction.features());
    d.dataAsOf = extraction.summary().latestTradelineReportedOn();
    d.computedAt = now;
    d.persistAndFlush();

    Inquiry inquiry = new Inquiry();
    inquiry.id = UUID.randomUUID();
    inquiry.subjectId = subjectId;
    inquiry.lenderId = lenderId;
    inquiry.purpose = purpose.name();
    inquiry.kind = purpose.hardInquiry() ? Inquiry.HARD : Inquiry.SOFT;
    inquiry.disclosureId = d.id;
    inquiry.inquiredAt = now;
    inquiry.persist();

    outbox.append(
        topics.disclosures(),
        EventCodec.envelope(
            Events.DISCLOSURE_RECORDED,
            subjectId,
            PRODUCER,
            new DisclosureRecorded(
                d.id,
                subjectId,
                lenderId,
                purpose,
                consentId,
                d.outcome,
                d.score,
                d.modelId,
                d.modelVersion,
                d.snapshotHash,
                now),
            now));
    return view(d, reasons);
  }

  /**
   * The disclosure if it exists and belongs to this lender; otherwise empty (never "forbidden").
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<DisclosureView> find(UUID id, String lenderId) {
    return Disclosure.<Disclosure>findByIdOptional(id)
        .filter(d -> d.lenderId.equals(lenderId))
        .map(d -> view(d, reasons(d.reasonCodes)));
  }

  private static DisclosureView view(Disclosure d, List<ReasonCode> reasons) {
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
        d.snapshotHash);
  }

  private static String json(List<ReasonCode> reasons) {
    try {
      return EventCodec.mapper().writeValueAsString(reasons);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Reason codes could not be serialised", e);
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
