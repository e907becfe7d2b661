package dev.credence.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A subject's erasure request was accepted by consent-service (GDPR Art. 17). Ingestion erases the
 * subject's consent-bound records, scoring erases its projections and features; what the law makes
 * them keep (disclosures, inquiries, consent history) is kept and documented in docs/consent.md.
 */
public record SubjectErasureRequested(UUID requestId, String subjectId, Instant requestedAt) {}
