package dev.credence.common.testing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What a database restart or failover does to a service's connection pool, for the services' tests
 * (shared through this module's test jar). {@link #endSessions} has PostgreSQL end every session
 * the service's user holds on its database, so the next statement on a pooled connection fails with
 * SQLSTATE 08006 or 57P01; {@link #refuseConnections} also makes the database refuse new
 * connections (SQLSTATE 55000) until it is closed. The caller flushes its pool afterwards, so no
 * dead connection is left for later tests.
 */
public final class DatabaseOutage {
  private static final String END_SESSIONS =
      "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
          + " where datname = ? and usename = current_user and pid <> pg_backend_pid()";

  private DatabaseOutage() {}

  /** Ends every other session the service's own datasource user holds (its Quarkus config). */
  public static int endSessions() throws SQLException {
    return endSessions(config("url"), config("username"), config("password"));
  }

  /** {@link #refuseConnections(String, String, String)} for the service's own datasource. */
  public static Refusal refuseConnections() throws SQLException {
    return refuseConnections(config("url"), config("username"), config("password"));
  }

  /** The service's own database, on a connection of its own (not from the pool under test). */
  public static Connection connect() throws SQLException {
    return DriverManager.getConnection(config("url"), config("username"), config("password"));
  }

  /** How often {@code consumer} has retried (ConsumerRetry's counter); 0 before its first retry. */
  public static double retries(MeterRegistry meters, String consumer) {
    Counter counter = meters.find("credence.consumer.retries").tag("consumer", consumer).counter();
    return counter == null ? 0 : counter.count();
  }

  private static String config(String key) {
    String name = "url".equals(key) ? "quarkus.datasource.jdbc.url" : "quarkus.datasource." + key;
    return ConfigProvider.getConfig().getValue(name, String.class);
  }

  /** Ends every other session of {@code user} on the database of {@code url}; returns how many. */
  public static int endSessions(String url, String user, String password) throws SQLException {
    try (Connection admin = DriverManager.getConnection(url, user, password)) {
      return endSessions(admin, admin.getCatalog());
    }
  }

  /**
   * The database refuses new connections and every other session of {@code user} is ended, until
   * the returned outage is closed. {@code user} must own the database (the tests' user does); the
   * outage is run from the {@code postgres} database on the same server, since PostgreSQL does not
   * let a session refuse connections to its own database.
   */
  public static Refusal refuseConnections(String url, String user, String password)
      throws SQLException {
    String database;
    try (Connection probe = DriverManager.getConnection(url, user, password)) {
      database = probe.getCatalog();
    }
    Connection admin =
        DriverManager.getConnection(
            url.replaceFirst("/[^/?]+(\\?|$)", "/postgres$1"), user, password);
    try (Statement st = admin.createStatement()) {
      st.execute(allowConnections(database, false));
      return new Refusal(admin, database, endSessions(admin, database));
    } catch (SQLException | RuntimeException e) {
      admin.close();
      throw e;
    }
  }

  /**
   * After the test flushed its pool: Agroal flushes on its housekeeping thread, and a connection
   * ended by the outage can still be handed out for a moment (CI met one). Holds up to {@code
   * connections} pooled connections at once and runs {@code select 1} on each, so every idle one is
   * tried; one that fails is discarded by the pool when closed, as in production. Repeats until a
   * whole round finds none dead, for at most 10 s.
   */
  public static void awaitHealthyPool(DataSource pool, int connections) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      int dead = 0;
      List<Connection> held = new ArrayList<>();
      try {
        for (int i = 0; i < connections; i++) {
          Connection c = pool.getConnection();
          held.add(c);
          try (Statement st = c.createStatement()) {
            st.execute("select 1");
          } catch (SQLException e) {
            dead++;
          }
        }
      } catch (SQLException e) {
        dead++; // the pool could not hand out a connection: try again
      } finally {
        for (Connection c : held) {
          try {
            c.close();
          } catch (SQLException ignored) {
            // a dead connection: the pool discards it
          }
        }
      }
      if (dead == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the pool did not recover from the outage");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(interrupted);
      }
    }
  }

  /** An ongoing refusal; {@link #close()} lets connections in again. */
  public static final class Refusal implements AutoCloseable {
    private final Connection admin;
    private final String database;
    private final int sessionsEnded;

    private Refusal(Connection admin, String database, int sessionsEnded) {
      this.admin = admin;
      this.database = database;
      this.sessionsEnded = sessionsEnded;
    }

    public int sessionsEnded() {
      return sessionsEnded;
    }

    @Override
    public void close() throws SQLException {
      try (Statement st = admin.createStatement()) {
        st.execute(allowConnections(database, true));
      } finally {
        admin.close();
      }
    }
  }

  private static int endSessions(Connection admin, String database) throws SQLException {
    try (PreparedStatement st = admin.prepareStatement(END_SESSIONS)) {
      st.setString(1, database);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static String allowConnections(String database, boolean allow) {
    return "alter database \"" + database.replace("\"", "\"\"") + "\" allow_connections " + allow;
  }
}
