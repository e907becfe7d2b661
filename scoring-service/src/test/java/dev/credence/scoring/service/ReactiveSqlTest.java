package dev.credence.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.messaging.TransientFailures;
import dev.credence.scoring.model.ConsentView;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlConnectOptions;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** One SQL text for JDBC and the reactive client, and the reactive client's failures classified. */
class ReactiveSqlTest {

  @Test
  void numbersEachParameterInOrder() {
    assertEquals(
        "select a from t where b = $1 and c = any($2) and d < $3",
        ReactiveSql.numbered("select a from t where b = ? and c = any(?) and d < ?"));
  }

  @Test
  void leavesAQuestionMarkInsideALiteralOrAQuotedIdentifierAlone() {
    assertEquals(
        "select '?', 'it''s ?', \"odd?\" from t where a = $1 and b = 'x' and c = $2",
        ReactiveSql.numbered(
            "select '?', 'it''s ?', \"odd?\" from t where a = ? and b = 'x' and c = ?"));
  }

  @Test
  void refusesAStatementTheClientWouldParseAndPlanOnEveryExecution() {
    String justUnder =
        "select " + "x".repeat(SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT - 8);
    assertEquals(justUnder, ReactiveSql.numbered(justUnder));
    // numbering lengthens the text: ? -> $1 takes it to the limit, which the client does not cache
    String atLimitOnceNumbered = justUnder.substring(0, justUnder.length() - 1) + "?";
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> ReactiveSql.numbered(atLimitOnceNumbered));
    assertTrue(refused.getMessage().contains("2048"), refused.getMessage());
  }

  @Test
  void theReleaseInsertIsOneTheClientKeepsPrepared() {
    // INSERT_SQL is the longest statement of the score path; numbered() would refuse it over the
    // limit, and the service would not start (the constant is built when ReleaseWriter loads)
    String insert = ReactiveSql.numbered(ReleaseWriter.INSERT_SQL);
    assertTrue(
        insert.length() < SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT,
        insert.length() + " characters");
    assertTrue(insert.contains("$33::text[]::timestamptz[]"), "every column is still bound");
    assertFalse(insert.contains("?"), insert);
  }

  @Test
  void theScorePathStatementsKeepEveryParameter() {
    String usable = ReactiveSql.numbered(ConsentView.USABLE_SQL);
    assertTrue(usable.contains("$" + ConsentView.USABLE_PARAMETERS), usable);
    assertFalse(usable.contains("?"), usable);
    assertFalse(
        usable.contains("$" + (ConsentView.USABLE_PARAMETERS + 1)), "no parameter is invented");
    // the release statement: 33 columns, each bound as text[] for both clients
    String insert = ReactiveSql.numbered(ReleaseWriter.INSERT_SQL);
    assertTrue(insert.contains("$33"), "all 33 columns are numbered");
    assertFalse(insert.contains("$34"));
    assertFalse(insert.contains("?"));
  }

  @Test
  void aServerErrorKeepsItsSqlStateAndAStatementFaultIsNotTransient() {
    PgException unique =
        new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null);
    SQLException e = ReactiveSql.failure(unique);
    assertEquals("23505", e.getSQLState());
    assertSame(unique, e.getCause());
    assertFalse(TransientFailures.isTransient(e), "a constraint fails the same way every time");
    // the message names the class only: the server's text can quote the statement's values
    assertFalse(e.getMessage().contains("duplicate key"), e.getMessage());
  }

  @Test
  void aServerThatIsShuttingDownOrAConnectionThatFailsIsTransient() {
    SQLException shutdown =
        ReactiveSql.failure(new PgException("terminating connection", "FATAL", "57P01", null));
    assertTrue(TransientFailures.isTransient(shutdown));
    SQLException refused = ReactiveSql.failure(new ConnectException("Connection refused"));
    assertNull(refused.getSQLState());
    assertTrue(TransientFailures.isTransient(refused), "no answer from the server: try again");
  }

  @Test
  void aSqlExceptionIsPassedThrough() {
    SQLException original = new SQLException("x", "08006");
    assertSame(original, ReactiveSql.failure(original));
  }
}
