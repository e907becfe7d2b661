package dev.credence.common.events;

import java.time.Instant;

/**
 * A marker consent-service writes through its outbox to every partition of the consent topic, every
 * fraction of a second: "every consent change committed before {@code at} was published to this
 * partition before me". A consumer that has applied it knows its view of that partition is at least
 * as fresh as {@code at}; when markers stop arriving (broker down, relay stuck, an event the relay
 * cannot send, consent-service gone) the view's age grows and scoring stops disclosing (docs/
 * scoring.md, "Fail closed while the consent state is stale").
 *
 * @param partition the partition consent-service meant it for (consumers use the partition it
 *     arrived on)
 * @param partitions how many partitions the consent topic had when it was written: a consumer
 *     expects markers on every one
 * @param at when it was written, by consent-service's clock
 */
public record ConsentHeartbeat(int partition, int partitions, Instant at) {}
