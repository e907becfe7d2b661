package dev.credence.common.consent;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Reads the {@code consent_watermark} table every {@code refresh} on a thread of its own and keeps
 * what it proved, so a request is checked with one comparison. Every replica of a service shares
 * the table (each applies the markers of the partitions it consumes) and reads all of it. A failed
 * read leaves the last state, which only ages, so an unreadable table fails closed too.
 */
public final class ConsentWatermarkReader {
  private static final Logger LOG = Logger.getLogger(ConsentWatermarkReader.class);

  private final DataSource dataSource;
  private final Clock clock;
  private final Duration refresh;
  private final Duration maxLag;
  private final String threadName;

  private volatile ConsentFreshness.State state = ConsentFreshness.State.UNKNOWN;
  private volatile boolean everFresh;
  private volatile boolean running;
  private Thread reader;

  public ConsentWatermarkReader(
      DataSource dataSource, Clock clock, Duration refresh, Duration maxLag, String threadName) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.refresh = refresh;
    this.maxLag = maxLag;
    this.threadName = threadName;
  }

  /**
   * Registers the lag gauge under {@code name} ({@code +Inf} while no heartbeat has been applied on
   * every partition) and starts reading.
   */
  public void start(MeterRegistry meters, String name) {
    Gauge.builder(name, this, ConsentWatermarkReader::lagSeconds)
        .description(
            "How far behind the consent projection is proven to be (+Inf while no heartbeat has"
                + " been applied on every partition)")
        .baseUnit("seconds")
        .register(meters);
    start();
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    reader = new Thread(this::loop, threadName);
    reader.setDaemon(true);
    reader.start();
  }

  public synchronized void stop() {
    running = false;
    if (reader != null) {
      reader.interrupt();
    }
  }

  private void loop() {
    long pause = Math.max(10, refresh.toMillis());
    while (running) {
      try {
        refresh();
      } catch (SQLException | RuntimeException e) {
        LOG.debugf("Reading the consent watermarks failed: %s", e.getClass().getSimpleName());
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Reads the watermarks now (the reader thread does it every {@code refresh}). Serialized, so two
   * reads cannot land out of order: a read that started before a marker was applied never replaces
   * the state a later read found.
   */
  public synchronized void refresh() throws SQLException {
    ConsentFreshness.State read;
    try (Connection connection = dataSource.getConnection()) {
      read = ConsentWatermarks.read(connection);
    }
    state = read;
    if (!everFresh && read.freshAt(Instant.now(clock), maxLag)) {
      everFresh = true;
      LOG.infof("Consent state is current on all %d partitions", read.partitions());
    }
  }

  /** What the last read proved. */
  public ConsentFreshness.State state() {
    return state;
  }

  /** Whether the state has been fresh at least once since this reader started. */
  public boolean everFresh() {
    return everFresh;
  }

  /** Whether a change may be relied on at {@code now}: the last read is within the max lag. */
  public boolean freshAt(Instant now) {
    return state.freshAt(now, maxLag);
  }

  public Duration maxLag() {
    return maxLag;
  }

  /** The lag in seconds for a gauge; +Inf while unknown. */
  public double lagSeconds() {
    Duration lag = state.lag(Instant.now(clock));
    return lag == null ? Double.POSITIVE_INFINITY : Math.max(0, lag.toMillis() / 1000.0);
  }

  /** Why the state is not fresh at {@code now}, for a problem's detail; null when it is. */
  public String staleness(Instant now) {
    ConsentFreshness.State current = state;
    if (current.freshAt(now, maxLag)) {
      return null;
    }
    Duration lag = current.lag(now);
    if (lag == null) {
      return current.partitions() == 0
          ? "No consent-service heartbeat has been applied yet"
          : "No consent-service heartbeat has been applied yet on "
              + current.missing()
              + " of the consent topic's "
              + current.partitions()
              + " partitions";
    }
    return "Consent changes are proven applied only up to "
        + lag.toMillis()
        + " ms ago (limit "
        + maxLag.toMillis()
        + " ms)";
  }
}
