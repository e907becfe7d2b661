package dev.credence.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** {@code credence.scoring.*}: which models score, and how lender traffic is guarded. */
@ConfigMapping(prefix = "credence.scoring")
public interface ScoringConfig {

  /** Key ({@code <id>-v<version>}) of the person scorecard in use. */
  @WithDefault("person-synthetic-v2")
  String personModel();

  /**
   * A directory holding model files ({@code <key>.json}); consulted before the built-in {@code
   * models/} resources, so an operator can roll out a model without a new image.
   */
  Optional<String> modelDirectory();

  /** Key ({@code <id>-v<version>}) of the organisation rating model in use. */
  @WithDefault("organisation-rating-v3")
  String organisationModel();

  /**
   * How long an identifier hash → subject mapping may be served from memory. Only found subjects
   * are cached; an erasure on this instance evicts at once (docs/benchmarks.md).
   */
  @WithDefault("10M")
  java.time.Duration subjectCacheTtl();

  /** Most identifier → subject mappings held in memory (the cache is emptied when it is full). */
  @WithDefault("100000")
  int subjectCacheSize();

  /** Refuse lender endpoints over plain HTTP (403 https-required). */
  @WithDefault("true")
  boolean requireHttps();

  /** Most items one {@code POST /v1/scores:batch} may carry. */
  @WithDefault("100")
  int batchLimit();

  /**
   * How long the consent projection's consumer may wait for its database before scores stop being
   * released (503 consent-state-unavailable): the revocation bar's 1 s. Past it, a revocation may
   * be waiting behind the event the consumer cannot apply.
   */
  @WithDefault("1s")
  java.time.Duration consentStallLimit();

  /**
   * How fresh the consent projection must be proven to be for a score to be released (docs/
   * scoring.md, "Fail closed while the consent state is stale").
   */
  ConsentState consentState();

  /** {@code credence.scoring.consent-state.*}. */
  interface ConsentState {
    /**
     * Refuse to release scores (503 consent-state-unavailable) unless consent-service's heartbeats
     * prove every partition's consent changes applied up to {@link #maxLag()} ago. Off only in
     * tests that have no consent-service.
     */
    @WithDefault("true")
    boolean enforce();

    /**
     * The most the consent projection may be behind: the revocation bar's 1 s. It bounds how long
     * after a revocation scores may still be released whatever fails between consent-service and
     * this table (broker, relay, an event the relay cannot send, the consumer, consent-service
     * itself).
     */
    @WithDefault("1s")
    java.time.Duration maxLag();

    /** How often each replica reads the watermarks (they are served from memory in between). */
    @WithDefault("100ms")
    java.time.Duration refresh();
  }

  /** The group commit of releases ({@code ReleaseWriter}). */
  Release release();

  /** {@code credence.scoring.release.*}. */
  interface Release {
    /** Group-commit inserts in flight at once, each on a pooled reactive connection. */
    @WithDefault("2")
    int writers();

    /** The most releases one group-commit statement (one transaction) carries. */
    @WithDefault("256")
    int maxBatch();

    /**
     * How long a group-commit insert may go unanswered before its requests fail (it may still
     * commit: its disclosure is then recorded and announced like any other).
     */
    @WithDefault("30s")
    java.time.Duration commitTimeout();
  }

  /** The score path's grouped reads ({@code GroupedReads}). */
  Read read();

  /** {@code credence.scoring.read.*}. */
  interface Read {
    /** Read the consents and the file with every request waiting; false: each request alone. */
    @WithDefault("true")
    boolean grouped();

    /** Grouped reads in flight at once, each on a pooled reactive connection. */
    @WithDefault("2")
    int readers();

    /** The most requests one grouped read carries. */
    @WithDefault("256")
    int maxBatch();
  }

  /** Live population stability of a model's released scores (docs/model-development.md). */
  Stability stability();

  /** {@code credence.scoring.stability.*}. */
  interface Stability {
    /** Fewer scores than this in the window: the index is reported, its status is not trusted. */
    @WithDefault("100")
    int minScores();

    /**
     * Most scores one request reads (the latest in the window): it bounds the request's cost on a
     * busy database; the response says when the window held more.
     */
    @WithDefault("100000")
    int maxScores();

    /** The longest window one request may ask for. */
    @WithDefault("400d")
    java.time.Duration maxWindow();

    /**
     * How often the champion's stability gauges are computed ({@code StabilityMonitor}; {@code off}
     * disables them).
     */
    @WithDefault("15m")
    String metricEvery();

    /** The window of the stability gauges: the last this long. */
    @WithDefault("7d")
    java.time.Duration metricWindow();

    /** Most scores the gauges read (the latest in their window). */
    @WithDefault("20000")
    int metricMaxScores();
  }

  /** The verified-token cache of the lender API (docs/scoring.md, "Security"). */
  TokenCache tokenCache();

  /** {@code credence.scoring.token-cache.*}. */
  interface TokenCache {
    /** Serve a bearer token the OIDC check passed from memory until it expires. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The longest a verified token is served without a new check, however long it lives: it bounds
     * how long a token signed with a key the provider has withdrawn is still accepted.
     */
    @WithDefault("60s")
    java.time.Duration maxAge();

    /**
     * Most tokens held (the least used go first). Each holds the token and its parsed claims, a few
     * kB: lenders are few, and a person's token is used a handful of times, so 2,000 keeps the
     * cache to a small part of the 384 MB heap.
     */
    @WithDefault("2000")
    int maxSize();
  }
}
