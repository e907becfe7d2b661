package dev.credence.consent.rest.dto;

import dev.credence.consent.model.Grantee;
import java.time.Instant;

/** A registered lender or data furnisher, as anyone signed in may see it. */
public record GranteeView(
    String clientId,
    Grantee.Kind kind,
    String legalName,
    String tradeName,
    String address,
    String phone,
    String email,
    String website,
    Instant registeredAt,
    Instant updatedAt) {
  public static GranteeView of(Grantee g) {
    return new GranteeView(
        g.clientId,
        g.kind,
        g.legalName,
        g.tradeName,
        g.address,
        g.phone,
        g.email,
        g.website,
        g.registeredAt,
        g.updatedAt);
  }
}
