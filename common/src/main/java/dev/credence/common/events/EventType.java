package dev.credence.common.events;

/**
 * A named, versioned event type bound to its payload class: the one schema source shared by the
 * producer and every consumer.
 */
public record EventType<T>(String name, int version, Class<T> payloadClass) {}
