package dev.credence.scoring.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** The latest state of one consent, from {@code consent.changed} (highest sequence wins). */
@Entity
@Table(name = "consent_view")
public class ConsentView extends PanacheEntityBase {
  @Id
  @Column(name = "consent_id")
  public UUID consentId;

  public long sequence;

  @Column(name = "subject_id")
  public String subjectId;

  @Column(name = "grantee_id")
  public String granteeId;

  public String direction;
  public String purpose;
  public String[] categories;
  public String status;

  @Column(name = "starts_at")
  public Instant startsAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "usage_limit")
  public Integer usageLimit;

  @Column(name = "changed_at")
  public Instant changedAt;

  /**
   * ACTIVE DISCLOSE consents of the subject for this grantee and purpose that are valid at {@code
   * now}, soonest expiry first. Read without a lock: a limited consent is claimed afterwards with
   * {@link #claimUse}, an unlimited one needs no claim.
   */
  public static List<ConsentView> usable(
      String subjectId, String granteeId, String purpose, Instant now) {
    return getEntityManager()
        .unwrap(Session.class)
        .doReturningWork(connection -> usable(connection, subjectId, granteeId, purpose, now));
  }

  /** {@link #usable(String, String, String, Instant)} on a connection the caller holds. */
  public static List<ConsentView> usable(
      Connection connection, String subjectId, String granteeId, String purpose, Instant now)
      throws SQLException {
    // plain JDBC, unmanaged results: this runs on every score request, and nothing here is updated
    try (PreparedStatement query = connection.prepareStatement(USABLE_SQL)) {
      bindUsable(query, 1, subjectId, granteeId, purpose, now);
      try (ResultSet rs = query.executeQuery()) {
        return readUsable(rs, subjectId, granteeId, purpose);
      }
    }
  }

  /** How many parameters {@link #USABLE_SQL} takes. */
  public static final int USABLE_PARAMETERS = 5;

  /**
   * Binds {@link #USABLE_SQL}'s parameters from index {@code first} on (it may be one statement of
   * several sent in one round trip).
   */
  public static void bindUsable(
      PreparedStatement query,
      int first,
      String subjectId,
      String granteeId,
      String purpose,
      Instant now)
      throws SQLException {
    Timestamp at = Timestamp.from(now);
    query.setString(first, subjectId);
    query.setString(first + 1, granteeId);
    query.setString(first + 2, purpose);
    query.setTimestamp(first + 3, at);
    query.setTimestamp(first + 4, at);
  }

  /** The consents a {@link #USABLE_SQL} result holds, unmanaged. */
  public static List<ConsentView> readUsable(
      ResultSet rs, String subjectId, String granteeId, String purpose) throws SQLException {
    List<ConsentView> found = new ArrayList<>(1);
    while (rs.next()) {
      ConsentView c = new ConsentView();
      c.consentId = rs.getObject(1, UUID.class);
      c.sequence = rs.getLong(2);
      c.subjectId = subjectId;
      c.granteeId = granteeId;
      c.direction = "DISCLOSE";
      c.purpose = purpose;
      Array categories = rs.getArray(3);
      c.categories = categories == null ? null : (String[]) categories.getArray();
      c.status = "ACTIVE";
      c.startsAt = rs.getTimestamp(4).toInstant();
      c.expiresAt = rs.getTimestamp(5).toInstant();
      c.usageLimit = (Integer) rs.getObject(6);
      Timestamp changed = rs.getTimestamp(7);
      c.changedAt = changed == null ? null : changed.toInstant();
      found.add(c);
    }
    return found;
  }

  /** {@link #USABLE_SQL}'s parameters for the reactive client, in order. */
  public static Object[] usableParameters(
      String subjectId, String granteeId, String purpose, Instant now) {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    return new Object[] {subjectId, granteeId, purpose, at, at};
  }

  /** The consents a {@link #USABLE_SQL} result read by the reactive client holds, unmanaged. */
  public static List<ConsentView> readUsable(
      RowSet<Row> rows, String subjectId, String granteeId, String purpose) {
    List<ConsentView> found = new ArrayList<>(1);
    for (Row row : rows) {
      found.add(usable(row, 0, subjectId, granteeId, purpose));
    }
    return found;
  }

  /**
   * One consent of a {@link #USABLE_SQL} result read by the reactive client, its columns starting
   * at {@code first} (a grouped read tags each row with its request first), unmanaged.
   */
  public static ConsentView usable(
      Row row, int first, String subjectId, String granteeId, String purpose) {
    ConsentView c = new ConsentView();
    c.consentId = row.getUUID(first);
    c.sequence = row.getLong(first + 1);
    c.subjectId = subjectId;
    c.granteeId = granteeId;
    c.direction = "DISCLOSE";
    c.purpose = purpose;
    c.categories = row.getArrayOfStrings(first + 2);
    c.status = "ACTIVE";
    c.startsAt = row.getOffsetDateTime(first + 3).toInstant();
    c.expiresAt = row.getOffsetDateTime(first + 4).toInstant();
    c.usageLimit = row.getInteger(first + 5);
    OffsetDateTime changed = row.getOffsetDateTime(first + 6);
    c.changedAt = changed == null ? null : changed.toInstant();
    return c;
  }

  /**
   * ACTIVE DISCLOSE consents of (subject, grantee, purpose) valid at a time (bound twice), soonest
   * expiry first; parameters: {@link #bindUsable}.
   */
  public static final String USABLE_SQL =
      "select consent_id, sequence, categories, starts_at, expires_at, usage_limit, changed_at"
          + " from consent_view where subject_id = ? and grantee_id = ? and purpose = ?"
          + " and direction = 'DISCLOSE' and status = 'ACTIVE' and starts_at <= ? and expires_at > ?"
          + " order by expires_at, consent_id";

  /**
   * Takes one use of a limited consent atomically: true when the consent was still ACTIVE, valid at
   * {@code now} and under its limit (the counter then holds one more use, until the transaction
   * ends — a rollback gives it back). Concurrent claims serialise on the row only for the update.
   */
  public static boolean claimUse(UUID consentId, Instant now) {
    return getEntityManager()
            .createNativeQuery(
                "update consent_view set used = used + 1 where consent_id = ?1"
                    + " and status = 'ACTIVE' and starts_at <= ?2 and expires_at > ?2"
                    + " and usage_limit is not null and used < usage_limit")
            .setParameter(1, consentId)
            .setParameter(2, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
            .executeUpdate()
        == 1;
  }
}
