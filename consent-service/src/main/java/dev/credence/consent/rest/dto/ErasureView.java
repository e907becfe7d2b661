package dev.credence.consent.rest.dto;

import dev.credence.consent.domain.ErasureStatement;
import dev.credence.consent.model.ErasureRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An erasure request with the statement of what is erased and what is kept by law, and why. */
public record ErasureView(
    UUID requestId,
    String subjectId,
    String status,
    Instant requestedAt,
    int consentsRevoked,
    int requestsRejected,
    int identifiersErased,
    List<ErasureStatement.Erased> erased,
    List<ErasureStatement.Kept> kept) {
  public static ErasureView of(ErasureRequest r) {
    return new ErasureView(
        r.id,
        r.subjectId,
        r.status,
        r.requestedAt,
        r.consentsRevoked,
        r.requestsRejected,
        r.identifiersErased,
        ErasureStatement.ERASED,
        ErasureStatement.KEPT);
  }
}
