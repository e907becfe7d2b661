package dev.credence.common.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The sessions of this database that wait for a lock, by what they run: for tests that hold a lock
 * as a concurrent transaction would and must know the code under test is waiting for it.
 */
public final class LockWaits {
  private LockWaits() {}

  /**
   * The process ids of the sessions of the current database waiting for a lock ({@code
   * pg_stat_activity.wait_event_type = 'Lock'}, {@code wait_event} as given, or any when null)
   * while running a statement that matches {@code queryLike} (SQL {@code ilike}; null for any).
   */
  public static List<Integer> waiting(DataSource dataSource, String waitEvent, String queryLike)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select pid from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and datname = current_database()"
                    + " and (cast(? as text) is null or wait_event = ?)"
                    + " and (cast(? as text) is null or query ilike ?)")) {
      s.setString(1, waitEvent);
      s.setString(2, waitEvent);
      s.setString(3, queryLike);
      s.setString(4, queryLike);
      List<Integer> pids = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          pids.add(rs.getInt(1));
        }
      }
      return pids;
    }
  }
}
