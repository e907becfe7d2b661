package dev.credence.ingestion.rest.dto;

/** A published category schema. */
public record SchemaSummary(
    String category,
    int version,
    String subjectType,
    boolean consentRequired,
    String id,
    String href) {}
