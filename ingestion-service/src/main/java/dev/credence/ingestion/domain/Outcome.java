package dev.credence.ingestion.domain;

/** What happened to one furnished record. */
public enum Outcome {
  /** Stored and published as {@code record.accepted}. */
  ACCEPTED,
  /** The same furnisher record id with the same content was accepted before: nothing changed. */
  DUPLICATE,
  /**
   * Accepted as a correction: stored as a new version that supersedes the previous version of the
   * same furnisher record id (the response names it in {@code supersedes}).
   */
  SUPERSEDED,
  /**
   * A Metro 2 deletion ({@code accountStatus} {@code DA} or {@code DF}): the current version of the
   * furnisher record id is withdrawn ({@code DELETED}) and nothing new is stored; {@code recordId}
   * names the withdrawn version.
   */
  DELETED,
  /** Refused with a reason code; nothing of the record was stored. */
  REJECTED
}
