package dev.credence.scoring.service;

import dev.credence.common.events.DataCategory;
import dev.credence.scoring.domain.AltPayment;
import dev.credence.scoring.domain.Extraction;
import dev.credence.scoring.domain.FeatureExtractor;
import dev.credence.scoring.domain.OrganisationFile;
import dev.credence.scoring.domain.PersonFile;
import dev.credence.scoring.domain.PublicRecord;
import dev.credence.scoring.domain.Tradeline;
import dev.credence.scoring.model.Inquiry;
import dev.credence.scoring.model.SubjectRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads what the projections hold for a subject and turns it into features as of a date. */
@ApplicationScoped
public class SubjectFileService {
  /** The person categories features are drawn from; INCOME is no scoring feature. */
  static final List<DataCategory> PERSON_CATEGORIES =
      List.of(DataCategory.TRADELINE, DataCategory.PUBLIC_RECORD, DataCategory.ALT_PAYMENT);

  static final List<DataCategory> ORGANISATION_CATEGORIES =
      List.of(
          DataCategory.TAX_COMPLIANCE,
          DataCategory.REGULATORY_PENALTY,
          DataCategory.COURT_JUDGMENT,
          DataCategory.TRADE_PAYMENT);

  private final FeatureExtractor extractor = new FeatureExtractor();

  /**
   * The subject's features as of {@code now}, drawing only on records of the {@code usable}
   * categories (those the disclosing consent covers).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Extraction extract(String subjectId, Set<DataCategory> usable, Instant now) {
    LocalDate asOf = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<String> categories =
        PERSON_CATEGORIES.stream().filter(usable::contains).map(Enum::name).toList();
    List<Tradeline> tradelines = new ArrayList<>();
    List<PublicRecord> publicRecords =
        usable.contains(DataCategory.PUBLIC_RECORD) ? new ArrayList<>() : null;
    List<AltPayment> altPayments =
        usable.contains(DataCategory.ALT_PAYMENT) ? new ArrayList<>() : null;
    if (!categories.isEmpty()) {
      for (SubjectRecord r : SubjectRecord.forSubject(subjectId, categories)) {
        switch (DataCategory.valueOf(r.category)) {
          case TRADELINE -> tradelines.add(TradelineMapper.read(r.data, r.reportedOn));
          case PUBLIC_RECORD ->
              publicRecords.add(TradelineMapper.publicRecord(r.data, r.reportedOn));
          case ALT_PAYMENT -> altPayments.add(TradelineMapper.altPayment(r.data, r.reportedOn));
          default -> {}
        }
      }
    }
    // the extractor's window: inquiry dates after asOf - 12 months and not after asOf
    Instant from =
        asOf.minusMonths(FeatureExtractor.INQUIRY_WINDOW_MONTHS)
            .plusDays(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    Instant to = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    long hardInquiries = Inquiry.countHard(subjectId, from, to);
    return extractor.extract(
        PersonFile.withInquiryCount(tradelines, publicRecords, altPayments, hardInquiries), asOf);
  }

  /**
   * The organisation's records of the {@code usable} categories as of {@code now}; a category the
   * consent does not cover is null (its part of the rating has no evidence).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public OrganisationFile organisationFile(String subjectId, Set<DataCategory> usable) {
    List<OrganisationFile.TaxCompliance> tax =
        usable.contains(DataCategory.TAX_COMPLIANCE) ? new ArrayList<>() : null;
    List<OrganisationFile.Penalty> penalties =
        usable.contains(DataCategory.REGULATORY_PENALTY) ? new ArrayList<>() : null;
    List<OrganisationFile.Judgment> judgments =
        usable.contains(DataCategory.COURT_JUDGMENT) ? new ArrayList<>() : null;
    List<OrganisationFile.TradePayment> payments =
        usable.contains(DataCategory.TRADE_PAYMENT) ? new ArrayList<>() : null;
    List<String> categories =
        ORGANISATION_CATEGORIES.stream().filter(usable::contains).map(Enum::name).toList();
    if (!categories.isEmpty()) {
      for (SubjectRecord r : SubjectRecord.forSubject(subjectId, categories)) {
        switch (DataCategory.valueOf(r.category)) {
          case TAX_COMPLIANCE ->
              tax.add(OrganisationRecordMapper.tax(r.recordId, r.data, r.reportedOn));
          case REGULATORY_PENALTY ->
              penalties.add(OrganisationRecordMapper.penalty(r.recordId, r.data, r.reportedOn));
          case COURT_JUDGMENT ->
              judgments.add(OrganisationRecordMapper.judgment(r.recordId, r.data, r.reportedOn));
          case TRADE_PAYMENT ->
              payments.add(OrganisationRecordMapper.tradePayment(r.recordId, r.data, r.reportedOn));
          default -> {}
        }
      }
    }
    return new OrganisationFile(tax, penalties, judgments, payments);
  }
}
