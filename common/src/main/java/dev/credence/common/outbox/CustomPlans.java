package dev.credence.common.outbox;

/**
 * Plans a transaction's statements for the table as it is now, not as it was when the connection
 * first ran them.
 *
 * <p>pgjdbc turns a statement into a named server-side statement on its fifth execution, and from
 * then on PostgreSQL may reuse one generic plan for it. That plan is only made again when something
 * invalidates it (an ANALYZE, a schema change). A relay or a consumer whose connection ran {@code …
 * where id = any(?)} five times while the table was small (whether analysed then or never) is given
 * a sequential scan, and keeps it while the table grows, for as long as no ANALYZE runs: with
 * autovacuum off (as on the dev machine) or on a table autovacuum has not yet reached. Measured on
 * the dev stack (docs/benchmarks.md, "Plans made for a small table"): scoring's relay read its
 * whole 335 MB outbox for every batch and published about 1,000 events a second while up to 1,800
 * were released, 100,000 behind; consent-service's access log read every entry for each batch of
 * disclosures, half a core of PostgreSQL.
 *
 * <p>{@link #SQL} selects {@code set_config('plan_cache_mode', 'force_custom_plan', true)}: for the
 * rest of the current transaction only (like {@code SET LOCAL}), every statement is planned with
 * its parameters and the table's size, and is then free to use the primary key or a unique index.
 * Planning a batch statement costs tens of microseconds; a batch carries up to hundreds of rows.
 * The score path's own statements (the reactive client) are not affected.
 */
public final class CustomPlans {
  /**
   * A select column that switches the current transaction to custom plans; evaluates to {@code
   * force_custom_plan}. Joined to a statement the transaction runs first anyway, it costs no round
   * trip.
   */
  public static final String SQL = "set_config('plan_cache_mode', 'force_custom_plan', true)";

  /** The setting's value once {@link #SQL} ran in the transaction. */
  public static final String MODE = "force_custom_plan";

  private CustomPlans() {}
}
