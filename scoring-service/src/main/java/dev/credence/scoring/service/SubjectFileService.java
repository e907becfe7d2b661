package dev.credence.scoring.service;

import dev.credence.common.events.DataCategory;
import dev.credence.scoring.domain.AltPayment;
import dev.credence.scoring.domain.Extraction;
import dev.credence.scoring.domain.FeatureExtractor;
import dev.credence.scoring.domain.OrganisationFile;
import dev.credence.scoring.domain.PersonFile;
import dev.credence.scoring.domain.PublicRecord;
import dev.credence.scoring.domain.Tradeline;
import dev.credence.scoring.model.ConsentView;
import dev.credence.scoring.model.SubjectRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
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
  /**
   * A person's features, the file they were computed from, and how many of the records they came
   * from the subject disputes.
   */
  public record PersonInputs(Extraction extraction, PersonFile file, int disputedRecords) {}

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
    List<String> categories =
        PERSON_CATEGORIES.stream().filter(usable::contains).map(Enum::name).toList();
    InquiryWindow window = InquiryWindow.at(now);
    return personInputs(
        read(connection, subjectId, categories, window.from(), window.to()), usable, now);
  }

  /**
   * A person's features as of {@code now} from rows already read (all person categories and the
   * hard-inquiry count), drawing only on the {@code usable} categories.
   */
  public PersonInputs personInputs(SubjectRows rows, Set<DataCategory> usable, Instant now) {
    LocalDate asOf = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<Tradeline> tradelines = new ArrayList<>();
    List<PublicRecord> publicRecords =
        usable.contains(DataCategory.PUBLIC_RECORD) ? new ArrayList<>() : null;
    List<AltPayment> altPayments =
        usable.contains(DataCategory.ALT_PAYMENT) ? new ArrayList<>() : null;
    int disputed = 0;
    for (SubjectRecord.Row r : rows.records()) {
      DataCategory category = DataCategory.valueOf(r.category());
      if (!usable.contains(category)) {
        continue;
      }
      switch (category) {
        case TRADELINE -> tradelines.add(TradelineMapper.read(r.data(), r.reportedOn()));
        case PUBLIC_RECORD ->
            publicRecords.add(TradelineMapper.publicRecord(r.data(), r.reportedOn()));
        case ALT_PAYMENT -> altPayments.add(TradelineMapper.altPayment(r.data(), r.reportedOn()));
        default -> {
          continue;
        }
      }
      if (r.disputed()) {
        disputed++;
      }
    }
    PersonFile file =
        PersonFile.withInquiryCount(tradelines, publicRecords, altPayments, rows.hardInquiries());
    return new PersonInputs(extractor.extract(file, asOf), file, disputed);
  }

  /** The extractor's inquiry window as instants: dates after asOf - 12 months, not after asOf. */
  record InquiryWindow(Instant from, Instant to) {
    static InquiryWindow at(Instant now) {
      LocalDate asOf = LocalDate.ofInstant(now, ZoneOffset.UTC);
      return new InquiryWindow(
          asOf.minusMonths(FeatureExtractor.INQUIRY_WINDOW_MONTHS)
              .plusDays(1)
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant(),
          asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
  }

  /**
   * The subject's whole file for the score path: every record of the subject type's categories and,
   * for a person, the hard-inquiry count (the caller keeps what the consent covers).
   */
  public SubjectRows file(
      Connection connection, String subjectId, boolean organisation, Instant now)
      throws SQLException {
    if (organisation) {
      return read(connection, subjectId, names(ORGANISATION_CATEGORIES), null, null);
    }
    InquiryWindow window = InquiryWindow.at(now);
    return read(connection, subjectId, names(PERSON_CATEGORIES), window.from(), window.to());
  }

  static List<String> names(List<DataCategory> categories) {
    return categories.stream().map(Enum::name).toList();
  }

  /** What the score path reads before it decides: the usable consents and the subject's file. */
  public record Gathered(List<ConsentView> consents, SubjectRows rows) {}

  /**
   * The lender's usable consents for this purpose ({@link ConsentView#USABLE_SQL}) and the
   * subject's file — every record of the subject type's categories and, for a person, the
   * hard-inquiry count — in one round trip, through the reactive client: the two statements are
   * pipelined on one pooled connection (both sent before either answer is read), so no thread
   * blocks and PostgreSQL is waited on once. The file is read before the consent is known, so it
   * holds every category; the caller keeps only what the chosen consent covers ({@link
   * #personInputs(SubjectRows, Set, Instant)}, {@link #organisationFile(SubjectRows, Set)}). Fails
   * with a {@link SQLException} ({@link ReactiveSql#failure}).
   */
  public Uni<Gathered> gather(
      Pool pool,
      String subjectId,
      String lenderId,
      String purpose,
      boolean organisation,
      Instant now) {
    Tuple consentParameters = Tuple.tuple();
    for (Object p : ConsentView.usableParameters(subjectId, lenderId, purpose, now)) {
      consentParameters.addValue(p);
    }
    Tuple fileParameters =
        Tuple.tuple()
            .addValue(subjectId)
            .addValue(
                names(organisation ? ORGANISATION_CATEGORIES : PERSON_CATEGORIES)
                    .toArray(String[]::new));
    if (!organisation) {
      InquiryWindow window = InquiryWindow.at(now);
      fileParameters
          .addValue(subjectId)
          .addValue(ReactiveSql.at(window.from()))
          .addValue(ReactiveSql.at(window.to()));
    }
    String fileSql = organisation ? ORGANISATION_FILE_SQL_NUMBERED : PERSON_FILE_SQL_NUMBERED;
    return pool.withConnection(
            connection ->
                Uni.combine()
                    .all()
                    .unis(
                        connection.preparedQuery(USABLE_SQL_NUMBERED).execute(consentParameters),
                        connection.preparedQuery(fileSql).execute(fileParameters))
                    .asTuple())
        .map(
            both ->
                new Gathered(
                    ConsentView.readUsable(both.getItem1(), subjectId, lenderId, purpose),
                    rows(both.getItem2())))
        .onFailure()
        .transform(ReactiveSql::failure);
  }

  private static SubjectRows rows(RowSet<Row> rows) {
    RowsBuilder file = new RowsBuilder();
    for (Row row : rows) {
      file.add(row, 0);
    }
    return file.build();
  }

  /**
   * A file from the reactive client's rows of the file statement, whose columns start at {@code
   * first} (a grouped read tags each row with its request first, {@link GroupedReads}): a record,
   * or the hard-inquiry count when the category is null.
   */
  static final class RowsBuilder {
    private final List<SubjectRecord.Row> records = new ArrayList<>();
    private long hard;

    void add(Row row, int first) {
      String category = row.getString(first);
      if (category == null) {
        hard = row.getLong(first + 4);
      } else {
        records.add(
            new SubjectRecord.Row(
                row.getUUID(first + 3),
                category,
                row.getString(first + 1),
                row.getLocalDate(first + 2),
                row.getBoolean(first + 5)));
      }
    }

    SubjectRows build() {
      return new SubjectRows(records, hard);
    }
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
    List<String> categories =
        ORGANISATION_CATEGORIES.stream().filter(usable::contains).map(Enum::name).toList();
    SubjectRows rows =
        categories.isEmpty()
            ? new SubjectRows(List.of(), 0)
            : read(connection, subjectId, categories, null, null);
    return organisationFile(rows, usable);
  }

  /**
   * An organisation's file from rows already read; a category the consent does not cover is null
   * (its part of the rating has no evidence), and its records are neither used nor counted.
   */
  public OrganisationInputs organisationFile(SubjectRows rows, Set<DataCategory> usable) {
    List<OrganisationFile.TaxCompliance> tax =
        usable.contains(DataCategory.TAX_COMPLIANCE) ? new ArrayList<>() : null;
    List<OrganisationFile.Penalty> penalties =
        usable.contains(DataCategory.REGULATORY_PENALTY) ? new ArrayList<>() : null;
    List<OrganisationFile.Judgment> judgments =
        usable.contains(DataCategory.COURT_JUDGMENT) ? new ArrayList<>() : null;
    List<OrganisationFile.TradePayment> payments =
        usable.contains(DataCategory.TRADE_PAYMENT) ? new ArrayList<>() : null;
    int disputed = 0;
    for (SubjectRecord.Row r : rows.records()) {
      DataCategory category = DataCategory.valueOf(r.category());
      if (!usable.contains(category)) {
        continue;
      }
      switch (category) {
        case TAX_COMPLIANCE ->
            tax.add(OrganisationRecordMapper.tax(r.recordId(), r.data(), r.reportedOn()));
        case REGULATORY_PENALTY ->
            penalties.add(OrganisationRecordMapper.penalty(r.recordId(), r.data(), r.reportedOn()));
        case COURT_JUDGMENT ->
            judgments.add(
                OrganisationRecordMapper.judgment(r.recordId(), r.data(), r.reportedOn()));
        case TRADE_PAYMENT ->
            payments.add(
                OrganisationRecordMapper.tradePayment(r.recordId(), r.data(), r.reportedOn()));
        default -> {
          continue;
        }
      }
      if (r.disputed()) {
        disputed++;
      }
    }
    return new OrganisationInputs(
        new OrganisationFile(tax, penalties, judgments, payments), disputed);
  }

  /** A subject's current records of some categories and, when a window is given, hard inquiries. */
  public record SubjectRows(List<SubjectRecord.Row> records, long hardInquiries) {}

  /**
   * One round trip on the score path: the records (as plain rows, no managed entities) and, when
   * {@code from} is given, the count of hard inquiries in {@code [from, to)}.
   */
  SubjectRows read(
      Connection connection, String subjectId, List<String> categories, Instant from, Instant to)
      throws SQLException {
    if (categories.isEmpty() && from == null) {
      return new SubjectRows(List.of(), 0);
    }
    String sql = from == null ? RECORDS_SQL : RECORDS_SQL + " union all " + HARD_INQUIRIES_SQL;
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      bindRecords(
          connection,
          query,
          1,
          subjectId,
          categories,
          from == null ? null : new InquiryWindow(from, to));
      try (ResultSet rs = query.executeQuery()) {
        return rows(rs);
      }
    }
  }

  /** Binds the file statement from index {@code first}; a window adds the inquiry count's three. */
  private static void bindRecords(
      Connection connection,
      PreparedStatement query,
      int first,
      String subjectId,
      List<String> categories,
      InquiryWindow window)
      throws SQLException {
    query.setString(first, subjectId);
    query.setArray(first + 1, connection.createArrayOf("text", categories.toArray()));
    if (window != null) {
      query.setString(first + 2, subjectId);
      query.setTimestamp(first + 3, Timestamp.from(window.from()));
      query.setTimestamp(first + 4, Timestamp.from(window.to()));
    }
  }

  private static SubjectRows rows(ResultSet rs) throws SQLException {
    List<SubjectRecord.Row> records = new ArrayList<>();
    long hard = 0;
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

  // the score path's statements as the reactive client takes them ($n), numbered once
  private static final String USABLE_SQL_NUMBERED = ReactiveSql.numbered(ConsentView.USABLE_SQL);
  private static final String PERSON_FILE_SQL_NUMBERED =
      ReactiveSql.numbered(RECORDS_SQL + " union all " + HARD_INQUIRIES_SQL);
  private static final String ORGANISATION_FILE_SQL_NUMBERED = ReactiveSql.numbered(RECORDS_SQL);
}
