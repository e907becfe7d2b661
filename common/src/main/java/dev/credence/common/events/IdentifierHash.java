package dev.credence.common.events;

/**
 * A keyed hash (HMAC) of an identifier; the clear value never leaves the service that received it.
 */
public record IdentifierHash(IdentifierType type, String hash) {}
