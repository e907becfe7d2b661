package dev.credence.common.consent;

import dev.credence.common.events.ConsentHeartbeat;
import dev.credence.common.events.PoisonEventException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code consent_watermark} table a consumer of the consent topic keeps (scoring's and
 * ingestion's): per partition, the time of the latest {@code consent.heartbeat} applied from it.
 * Every consent change consent-service committed before that marker was written has been applied
 * (docs/consent.md, "Heartbeats"). A watermark only moves forward, so applying a marker twice, or
 * an old one late, changes nothing.
 */
public final class ConsentWatermarks {
  /** Records a marker for the partition it arrived on. Bind: partition, partitions, at. */
  public static final String UPSERT_SQL =
      "insert into consent_watermark (partition_no, partitions, heartbeat_at, applied_at)"
          + " values (?, ?, ?, now()) on conflict (partition_no) do update set"
          + " heartbeat_at = greatest(consent_watermark.heartbeat_at, excluded.heartbeat_at),"
          + " partitions = excluded.partitions, applied_at = excluded.applied_at";

  private static final String SELECT_SQL =
      "select partition_no, partitions, heartbeat_at from consent_watermark";

  private ConsentWatermarks() {}

  /**
   * The partition a marker counts for: the one it arrived on, or (-1: not known, as in tests that
   * hand a consumer a bare message) the one it names.
   *
   * @throws PoisonEventException when the marker is malformed
   */
  public static int partitionOf(ConsentHeartbeat beat, int arrivedOn) {
    if (beat.at() == null || beat.partitions() < 1) {
      throw new PoisonEventException("consent.heartbeat lacks at or partitions");
    }
    int partition = arrivedOn >= 0 ? arrivedOn : beat.partition();
    if (partition < 0 || partition >= beat.partitions()) {
      throw new PoisonEventException(
          "consent.heartbeat for partition " + partition + " of " + beat.partitions());
    }
    return partition;
  }

  /** Binds {@link #UPSERT_SQL} for this marker. */
  public static void bind(PreparedStatement upsert, ConsentHeartbeat beat, int arrivedOn)
      throws SQLException {
    upsert.setInt(1, partitionOf(beat, arrivedOn));
    upsert.setInt(2, beat.partitions());
    upsert.setObject(3, OffsetDateTime.ofInstant(beat.at(), ZoneOffset.UTC));
  }

  /** Records a marker on this connection (in its transaction, or committed at once). */
  public static void apply(Connection connection, ConsentHeartbeat beat, int arrivedOn)
      throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT_SQL)) {
      bind(upsert, beat, arrivedOn);
      upsert.executeUpdate();
    }
  }

  /** What the table proves now. */
  public static ConsentFreshness.State read(Connection connection) throws SQLException {
    List<ConsentFreshness.Mark> marks = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(SELECT_SQL);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        marks.add(
            new ConsentFreshness.Mark(
                rows.getInt(1),
                rows.getInt(2),
                rows.getObject(3, OffsetDateTime.class).toInstant()));
      }
    }
    return ConsentFreshness.of(marks);
  }
}
