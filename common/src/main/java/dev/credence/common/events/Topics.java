package dev.credence.common.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Topic names. Every topic is keyed by subject id. The {@code %test} profile of each service points
 * these at {@code *.test} topics so test runs never mix with a running local stack.
 */
@ConfigMapping(prefix = "credence.topics")
public interface Topics {
  /** Subject registrations and consent changes from consent-service. */
  @WithDefault("credence.consent.v1")
  String consent();

  /**
   * The current state of every consent (key {@code consent:<id>}) and subject (key {@code
   * subject:<id>}), log-compacted: a new consumer reads it from the beginning to rebuild the full
   * current consent state however old the history is.
   */
  @WithDefault("credence.consent-state.v1")
  String consentState();

  /** Accepted (and later superseded, suppressed, erased) records from ingestion-service. */
  @WithDefault("credence.records.v1")
  String records();

  /** Every score released to a lender, from scoring-service. */
  @WithDefault("credence.disclosures.v1")
  String disclosures();

  /** Poison messages with the reason, from every consumer. */
  @WithDefault("credence.dead-letter.v1")
  String deadLetter();
}
