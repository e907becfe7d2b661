package dev.credence.common.events;

/** Why a previously accepted record no longer counts. Scoring treats every reason the same way. */
public enum WithdrawalReason {
  /** The furnisher sent a newer version of the same record (a correction); see replacedBy. */
  SUPERSEDED,
  /** A dispute was not verified by the furnisher within the dispute window. */
  SUPPRESSED,
  /** The furnisher deleted the record (e.g. after a dispute found it wrong). */
  DELETED,
  /** The subject revoked the COLLECT consent it was furnished under, or asked for erasure. */
  ERASED,
  /** A negative item passed its retention period (7 years; bankruptcies 10; penalties per rule). */
  AGED_OUT
}
