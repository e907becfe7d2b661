package dev.credence.consent.rest.dto;

import dev.credence.common.events.IdentifierType;
import dev.credence.common.events.SubjectType;
import java.time.Instant;
import java.util.List;

/** The enrolled subject; identifiers are listed by type only (their values are not kept). */
public record SubjectView(
    String subjectId,
    SubjectType subjectType,
    Instant enrolledAt,
    List<IdentifierType> identifiersOnFile) {}
