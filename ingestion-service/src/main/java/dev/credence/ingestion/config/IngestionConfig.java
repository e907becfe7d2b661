package dev.credence.ingestion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.Optional;

@ConfigMapping(prefix = "credence.ingestion")
public interface IngestionConfig {
  /** Most records accepted in one {@code POST /v1/records}; a larger batch is refused whole. */
  @WithDefault("1000")
  int maxBatchSize();

  /**
   * Largest {@code POST /v1/records} body in bytes (the streaming and CSV paths have their own).
   */
  @WithDefault("4194304")
  long maxBatchBytes();

  /**
   * The furnisher registry: {@code client:CATEGORY,CATEGORY;client2:CATEGORY}. A furnisher not
   * listed may report nothing.
   */
  Optional<String> furnisherRegistry();

  /** Bulk paths (NDJSON stream, CSV jobs). */
  Bulk bulk();

  /** Disputes. */
  Disputes disputes();

  /** Retention of negative items. */
  Retention retention();

  /** Scheduled housekeeping (dispute clock, erasure of ended consents, ageing). */
  Housekeeping housekeeping();

  /** How fresh the consent projection must be proven before a consent-bound record is judged. */
  ConsentState consentState();

  interface ConsentState {
    /**
     * Whether consent-bound records are rejected ({@code CONSENT_STATE_UNAVAILABLE}) while the
     * projection is not proven fresh. Off only in tests that do not run consent-service.
     */
    @WithDefault("true")
    boolean enforce();

    /**
     * How far behind consent-service the projection may be proven to be (the oldest partition's
     * latest heartbeat) for a consent-bound record to be judged against it.
     */
    @WithDefault("5s")
    Duration maxLag();

    /** How often each replica reads the watermarks. */
    @WithDefault("250ms")
    Duration refresh();

    /**
     * How long a CSV job waits for a fresh consent state before a chunk (no furnisher is waiting on
     * the line, so waiting beats rejecting); after it, the chunk's consent-bound records are
     * rejected as on the other paths.
     */
    @WithDefault("60s")
    Duration jobWait();
  }

  interface Housekeeping {
    @WithDefault("true")
    boolean enabled();

    /**
     * How often it runs (read by the scheduler as {@code
     * ${credence.ingestion.housekeeping.every}}).
     */
    @WithDefault("15m")
    String every();
  }

  interface Bulk {
    /** Records per transaction on the NDJSON and CSV paths (at most: see {@link #chunkChars}). */
    @WithDefault("2000")
    int chunkSize();

    /**
     * Characters of input lines (NDJSON lines, CSV cells) after which a chunk is processed even if
     * it holds fewer than {@link #chunkSize} records, so a chunk's memory stays bounded.
     */
    @WithDefault("4194304")
    long chunkChars();

    /** Longest accepted NDJSON line or CSV row, in characters. */
    @WithDefault("65536")
    int maxLineLength();

    /** Largest CSV upload in bytes. */
    @WithDefault("536870912")
    long maxCsvBytes();

    /** Where CSV uploads are kept while their job runs (default: the system temp directory). */
    Optional<Path> csvDirectory();

    /**
     * How long a RUNNING CSV job survives without a heartbeat from the replica holding it before
     * any replica fails it as interrupted. Replicas renew their jobs every {@code
     * credence.ingestion.bulk.job-heartbeat} (10 s by default), which must be well below this.
     */
    @WithDefault("60s")
    Duration jobLease();

    /** How often a replica renews its CSV jobs' leases and sweeps for lapsed ones. */
    @WithDefault("10s")
    Duration jobHeartbeat();
  }

  interface Disputes {
    /** How long a furnisher has to verify, correct or delete a disputed record. */
    @WithDefault("P30D")
    Duration window();
  }

  interface Retention {
    /** Negative items (delinquencies, judgments, liens, late payments). */
    @WithDefault("P7Y")
    Period negativeItems();

    /** Bankruptcies. */
    @WithDefault("P10Y")
    Period bankruptcies();

    @WithDefault("P2Y")
    Period penaltyMinor();

    @WithDefault("P3Y")
    Period penaltyModerate();

    @WithDefault("P5Y")
    Period penaltyMajor();

    @WithDefault("P7Y")
    Period penaltySevere();
  }
}
