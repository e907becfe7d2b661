package dev.credence.common.events;

import java.time.Instant;
import java.util.List;

/** A person enrolled or an organisation was registered; identifiers travel only as keyed hashes. */
public record SubjectRegistered(
    String subjectId,
    SubjectType subjectType,
    List<IdentifierHash> identifiers,
    Instant registeredAt) {}
