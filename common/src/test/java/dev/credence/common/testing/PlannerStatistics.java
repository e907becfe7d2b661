package dev.credence.common.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assertions;

/**
 * The schema rule of each service's {@code V*__no_planner_statistics_for_documents.sql}, for the
 * services' tests (shared through this module's test jar): a column that holds a document, a hash,
 * a signature or a payload (a {@code jsonb} column, or a text column named {@code *_hash}, {@code
 * jws} or {@code payload}) and is in no index is never filtered, joined or sorted on, so ANALYZE
 * must not spend time on it (statistics target 0). A column added later without it is named here.
 */
public final class PlannerStatistics {
  private static final String ANALYSED_DOCUMENT_COLUMNS =
      "select c.relname || '.' || a.attname from pg_attribute a"
          + " join pg_class c on c.oid = a.attrelid"
          + " join pg_namespace n on n.oid = c.relnamespace"
          + " where n.nspname = current_schema() and c.relkind in ('r', 'p')"
          + " and a.attnum > 0 and not a.attisdropped"
          + " and (a.atttypid = 'jsonb'::regtype"
          + "   or (a.atttypid = 'text'::regtype and a.attname ~ '(_hash|^jws|^payload)$'))"
          + " and not exists (select 1 from pg_index i"
          + "   where i.indrelid = c.oid and a.attnum = any(i.indkey))"
          + " and coalesce(a.attstattarget, -1) <> 0"
          + " order by 1";
  private static final String DOCUMENT_COLUMNS =
      ANALYSED_DOCUMENT_COLUMNS.replace(" and coalesce(a.attstattarget, -1) <> 0", "");

  private PlannerStatistics() {}

  /**
   * Asserts the rule on the service's migrated schema: it sees at least {@code expected} (so the
   * rule is known to look at the right schema), and ANALYZE samples none of its document columns.
   */
  public static void assertNoDocumentColumnIsAnalysed(String... expected) throws SQLException {
    List<String> documents = documentColumns();
    Assertions.assertTrue(
        documents.containsAll(List.of(expected)),
        "the rule sees the schema's document columns: " + documents);
    Assertions.assertEquals(List.of(), documentColumnsStillAnalysed());
  }

  /** The service's document columns that ANALYZE still samples; the rule wants none. */
  private static List<String> documentColumnsStillAnalysed() throws SQLException {
    return names(ANALYSED_DOCUMENT_COLUMNS);
  }

  /** Every document column of the service's schema, so a test can show the rule saw some. */
  private static List<String> documentColumns() throws SQLException {
    return names(DOCUMENT_COLUMNS);
  }

  private static List<String> names(String sql) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(
                config("jdbc.url"), config("username"), config("password"));
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static String config(String key) {
    return ConfigProvider.getConfig().getValue("quarkus.datasource." + key, String.class);
  }
}
