package dev.credence.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A previously accepted record stops counting. Published by ingestion on the records topic, keyed
 * by subject id, after the {@link RecordAccepted} it withdraws. {@code replacedBy} is the record id
 * of the correction for {@link WithdrawalReason#SUPERSEDED}, otherwise null. Consumers apply it
 * idempotently: withdrawing an unknown or already withdrawn record changes nothing.
 */
public record RecordWithdrawn(
    UUID recordId,
    String subjectId,
    String furnisherId,
    String furnisherRecordId,
    DataCategory category,
    WithdrawalReason reason,
    UUID replacedBy,
    Instant withdrawnAt) {}
