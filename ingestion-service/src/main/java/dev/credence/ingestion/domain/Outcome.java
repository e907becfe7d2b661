package dev.credence.ingestion.domain;

/** What happened to one furnished record. */
public enum Outcome {
  /** Stored and published as {@code record.accepted}. */
  ACCEPTED,
  /** The same furnisher record id with the same content was accepted before: nothing changed. */
  DUPLICATE,
  /** A newer version replaced an accepted record (corrections; not produced yet). */
  SUPERSEDED,
  /** Refused with a reason code; nothing of the record was stored. */
  REJECTED
}
