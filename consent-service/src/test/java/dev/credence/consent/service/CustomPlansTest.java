package dev.credence.consent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.credence.common.events.DisclosureRecorded;
import dev.credence.common.events.Purpose;
import dev.credence.common.outbox.CustomPlans;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link CustomPlans}: why the outbox relay and the access log's append plan their statements per
 * transaction, and that the append does.
 */
@QuarkusTest
class CustomPlansTest {
  @Inject AgroalDataSource dataSource;
  @Inject AccessLogService accessLog;
  @Inject EntityManager em;

  /**
   * On one connection, the relay's {@code update … where id = any(?)} is run ten times while its
   * table holds ten rows (analysed: one page), then the table grows to 30,000 rows with no further
   * ANALYZE, as with autovacuum off or not yet round. Run again as it is, the statement reads the
   * whole table (the plan kept from when it was small); in a transaction that selected {@link
   * CustomPlans#SQL}, it is planned for the table as it is and reads none of it sequentially.
   */
  @Test
  void aStatementFirstRunOnASmallTableIsPlannedAfreshUnderCustomPlans() throws SQLException {
    String table = "plan_probe_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute(
            "create table "
                + table
                + " (id uuid primary key, payload text, published_at timestamptz)");
        s.execute(
            "insert into "
                + table
                + " select gen_random_uuid(), 'x' from generate_series(1, 10)"
                + " as g(n)");
        s.execute("analyze " + table); // statistics of a new table: one page
      }
      try {
        List<UUID> ids = ids(c, table);
        String update = "update " + table + " set published_at = now() where id = any(?)";
        try (PreparedStatement u = c.prepareStatement(update)) {
          for (int i = 0; i < 10; i++) { // pgjdbc prepares it on the server from the fifth run
            u.setArray(1, array(c, ids.subList(0, 3)));
            u.executeUpdate();
          }
          try (Statement s = c.createStatement()) {
            s.execute(
                "insert into "
                    + table
                    + " select gen_random_uuid(), repeat('x', 200) from generate_series(1, 30000)"
                    + " as g(n)");
          }

          long before = sequentialScans(c, table);
          u.setArray(1, array(c, ids.subList(0, 3)));
          u.executeUpdate();
          long kept = sequentialScans(c, table) - before;
          // the premise: PostgreSQL kept the small table's plan (an ANALYZE in between would
          // have replaced it, e.g. by autovacuum; then there is nothing to show)
          assumeTrue(kept == 1, "the plan made for ten rows was kept: " + kept + " scan(s)");

          c.setAutoCommit(false);
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("select " + CustomPlans.SQL)) {
            rs.next();
            assertEquals(CustomPlans.MODE, rs.getString(1));
          }
          before = sequentialScans(c, table);
          u.setArray(1, array(c, ids.subList(3, 6)));
          assertEquals(3, u.executeUpdate());
          c.commit();
          c.setAutoCommit(true);
          assertEquals(
              0,
              sequentialScans(c, table) - before,
              "under custom plans the update finds its rows by the primary key");
        }
      } finally {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("drop table " + table);
        }
      }
    }
  }

  @Test
  void theAppendPlansTheRestOfItsTransactionAfresh() {
    String mode =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  assertEquals(
                      1,
                      accessLog.appendAll(
                          List.of(
                              new DisclosureRecorded(
                                  UUID.randomUUID(),
                                  "custom-plans-subject",
                                  "demo-lender",
                                  Purpose.ACCOUNT_REVIEW,
                                  null,
                                  "NO_SCORE",
                                  null,
                                  "person",
                                  "1",
                                  "0".repeat(64),
                                  Instant.now().truncatedTo(ChronoUnit.MICROS)))));
                  return (String)
                      em.createNativeQuery("select current_setting('plan_cache_mode')")
                          .getSingleResult();
                });
    assertEquals(CustomPlans.MODE, mode);
    String after =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    (String)
                        em.createNativeQuery("select current_setting('plan_cache_mode')")
                            .getSingleResult());
    assertEquals("auto", after, "only for that transaction");
  }

  private static List<UUID> ids(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id from " + table + " order by id")) {
      List<UUID> ids = new java.util.ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getObject(1, UUID.class));
      }
      return ids;
    }
  }

  private static Array array(Connection c, List<UUID> ids) throws SQLException {
    return c.createArrayOf("uuid", ids.toArray());
  }

  /** The table's sequential scans so far, this session's counts flushed first. */
  private static long sequentialScans(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("select pg_stat_force_next_flush()");
    }
    try (Statement s = c.createStatement()) {
      s.execute("select pg_stat_clear_snapshot()");
    }
    try (PreparedStatement q =
        c.prepareStatement("select seq_scan from pg_stat_user_tables where relname = ?")) {
      q.setString(1, table);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
