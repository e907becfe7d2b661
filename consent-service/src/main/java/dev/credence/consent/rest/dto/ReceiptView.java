package dev.credence.consent.rest.dto;

import dev.credence.consent.model.ConsentReceipt;
import java.time.Instant;
import java.util.UUID;

/** A stored receipt; {@code jws} is the compact JWS whose payload is the receipt JSON. */
public record ReceiptView(
    UUID receiptId, UUID consentId, ConsentReceipt.Kind kind, Instant issuedAt, String jws) {
  public static ReceiptView of(ConsentReceipt r) {
    return new ReceiptView(r.id, r.consentId, r.kind, r.issuedAt, r.jws);
  }
}
