package dev.credence.scoring.service;

import dev.credence.common.events.DataCategory;
import dev.credence.scoring.domain.AltPayment;
import dev.credence.scoring.domain.Extraction;
import dev.credence.scoring.domain.FeatureExtractor;
import dev.credence.scoring.domain.OrganisationFile;
import dev.credence.scoring.domain.PersonFile;
import dev.credence.scoring.domain.PublicRecord;
import dev.credence.scoring.domain.Tradeline;
import dev.credence.scoring.model.SubjectRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

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

  @Inject EntityManager em;

  /**
   * The subject's features as of {@code now}, drawing only on records of the {@code usable}
   * categories (those the disclosing consent covers).
   */
  /** A person's features and how many of the records they came from the subject disputes. */
  public record PersonInputs(Extraction extraction, int disputedRecords) {}

  /** An organisation's file and how many of its records the organisation disputes. */
  public record OrganisationInputs(OrganisationFile file, int disputedRecords) {}

  /** The subject's features as of {@code now} (see {@link #personInputs}). */
  @Transactional(Transactional.TxType.MANDATORY)
  public Extraction extract(String subjectId, Set<DataCategory> usable, Instant now) {
    return personInputs(subjectId, usable, now).extraction();
  }

  /**
   * The subject's features as of {@code now}, drawing only on records of the {@code usable}
   * categories (those the disclosing consent covers), and how many of those records are under an
   * open dispute (they still count; the lender is told).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public PersonInputs personInputs(String subjectId, Set<DataCategory> usable, Instant now) {
    return em.unwrap(Session.class)
        .doReturningWork(connection -> personInputs(connection, subjectId, usable, now));
  }

  /** {@link #personInputs(String, Set, Instant)} on a connection the caller holds. */
  public PersonInputs personInputs(
      Connection connection, String subjectId, Set<DataCategory> usable, Instant now)
      throws SQLException {
    LocalDate asOf = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<String> categories =
        PERSON_CATEGORIES.stream().filter(usable::contains).map(Enum::name).toList();
    List<Tradeline> tradelines = new ArrayList<>();
    List<PublicRecord> publicRecords =
        usable.contains(DataCategory.PUBLIC_RECORD) ? new ArrayList<>() : null;
    List<AltPayment> altPayments =
        usable.contains(DataCategory.ALT_PAYMENT) ? new ArrayList<>() : null;
    // the extractor's window: inquiry dates after asOf - 12 months and not after asOf
    Instant from =
        asOf.minusMonths(FeatureExtractor.INQUIRY_WINDOW_MONTHS)
            .plusDays(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    Instant to = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    SubjectRows rows = read(connection, subjectId, categories, from, to);
    for (SubjectRecord.Row r : rows.records()) {
      switch (DataCategory.valueOf(r.category())) {
        case TRADELINE -> tradelines.add(TradelineMapper.read(r.data(), r.reportedOn()));
        case PUBLIC_RECORD ->
            publicRecords.add(TradelineMapper.publicRecord(r.data(), r.reportedOn()));
        case ALT_PAYMENT -> altPayments.add(TradelineMapper.altPayment(r.data(), r.reportedOn()));
        default -> {}
      }
    }
    long hardInquiries = rows.hardInquiries();
    return new PersonInputs(
        extractor.extract(
            PersonFile.withInquiryCount(tradelines, publicRecords, altPayments, hardInquiries),
            asOf),
        rows.disputed());
  }

  /**
   * The organisation's records of the {@code usable} categories as of {@code now}; a category the
   * consent does not cover is null (its part of the rating has no evidence).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public OrganisationInputs organisationFile(String subjectId, Set<DataCategory> usable) {
    return em.unwrap(Session.class)
        .doReturningWork(connection -> organisationFile(connection, subjectId, usable));
  }

  /** {@link #organisationFile(String, Set)} on a connection the caller holds. */
  public OrganisationInputs organisationFile(
      Connection connection, String subjectId, Set<DataCategory> usable) throws SQLException {
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
    int disputed = 0;
    if (!categories.isEmpty()) {
      SubjectRows rows = read(connection, subjectId, categories, null, null);
      disputed = rows.disputed();
      for (SubjectRecord.Row r : rows.records()) {
        switch (DataCategory.valueOf(r.category())) {
          case TAX_COMPLIANCE ->
              tax.add(OrganisationRecordMapper.tax(r.recordId(), r.data(), r.reportedOn()));
          case REGULATORY_PENALTY ->
              penalties.add(
                  OrganisationRecordMapper.penalty(r.recordId(), r.data(), r.reportedOn()));
          case COURT_JUDGMENT ->
              judgments.add(
                  OrganisationRecordMapper.judgment(r.recordId(), r.data(), r.reportedOn()));
          case TRADE_PAYMENT ->
              payments.add(
                  OrganisationRecordMapper.tradePayment(r.recordId(), r.data(), r.reportedOn()));
          default -> {}
        }
      }
    }
    return new OrganisationInputs(
        new OrganisationFile(tax, penalties, judgments, payments), disputed);
  }

  /** A subject's current records of some categories and, when a window is given, hard inquiries. */
  record SubjectRows(List<SubjectRecord.Row> records, long hardInquiries) {
    int disputed() {
      return (int) records.stream().filter(SubjectRecord.Row::disputed).count();
    }
  }

  /**
   * One round trip on the score path: the records (as plain rows, no managed entities) and, when
   * {@code from} is given, the count of hard inquiries in {@code [from, to)}.
   */
  SubjectRows read(
      Connection connection, String subjectId, List<String> categories, Instant from, Instant to)
      throws SQLException {
    List<SubjectRecord.Row> records = new ArrayList<>();
    long hard = 0;
    if (categories.isEmpty() && from == null) {
      return new SubjectRows(records, 0);
    }
    String sql = from == null ? RECORDS_SQL : RECORDS_SQL + " union all " + HARD_INQUIRIES_SQL;
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, subjectId);
      query.setArray(2, connection.createArrayOf("text", categories.toArray()));
      if (from != null) {
        query.setString(3, subjectId);
        query.setTimestamp(4, Timestamp.from(from));
        query.setTimestamp(5, Timestamp.from(to));
      }
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          String category = rs.getString(1);
          if (category == null) {
            hard = rs.getLong(5);
          } else {
            records.add(
                new SubjectRecord.Row(
                    rs.getObject(4, UUID.class),
                    category,
                    rs.getString(2),
                    rs.getObject(3, LocalDate.class),
                    rs.getBoolean(6)));
          }
        }
      }
    }
    return new SubjectRows(records, hard);
  }

  private static final String RECORDS_SQL =
      "select category, cast(data as text), reported_on, record_id, cast(null as bigint),"
          + " exists (select 1 from record_dispute d where d.subject_id = r.subject_id"
          + " and d.record_id = r.record_id and d.status = 'OPEN')"
          + " from subject_record r where r.subject_id = ? and r.category = any(?)";

  /** Counts up to the feature's cap, so the count's cost is bounded (FeatureExtractor). */
  private static final String HARD_INQUIRIES_SQL =
      "select null, null, null, null, count(*), false from (select 1 from inquiry"
          + " where subject_id = ? and kind = 'HARD' and inquired_at >= ? and inquired_at < ?"
          + " limit "
          + FeatureExtractor.HARD_INQUIRY_CAP
          + ") as capped";
}
