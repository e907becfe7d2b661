package dev.credence.scoring.service;

import dev.credence.common.events.DataCategory;
import dev.credence.scoring.domain.Extraction;
import dev.credence.scoring.domain.FeatureExtractor;
import dev.credence.scoring.domain.Tradeline;
import dev.credence.scoring.model.Inquiry;
import dev.credence.scoring.model.SubjectRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** Reads what the projections hold for a subject and turns it into features as of a date. */
@ApplicationScoped
public class SubjectFileService {
  private final FeatureExtractor extractor = new FeatureExtractor();

  /**
   * The subject's features as of {@code now}, drawing only on records of the {@code usable}
   * categories (those the disclosing consent covers).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Extraction extract(String subjectId, Set<DataCategory> usable, Instant now) {
    LocalDate asOf = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<Tradeline> tradelines =
        usable.contains(DataCategory.TRADELINE)
            ? SubjectRecord.forSubject(subjectId, List.of(DataCategory.TRADELINE.name())).stream()
                .map(r -> TradelineMapper.read(r.data, r.reportedOn))
                .toList()
            : List.of();
    Instant from =
        asOf.minusMonths(FeatureExtractor.INQUIRY_WINDOW_MONTHS)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    List<LocalDate> hardInquiries =
        Inquiry.hardSince(subjectId, from).stream()
            .map(i -> LocalDate.ofInstant(i, ZoneOffset.UTC))
            .toList();
    return extractor.extract(tradelines, hardInquiries, asOf);
  }
}
