package dev.credence.consent.rest.dto;

import dev.credence.consent.model.Grantee;

/**
 * Who a consent names, or who obtained a score, as a person is told: the client id and, when an
 * operator registered it, the name, address and telephone number (FCRA §609(a)(3)(B)). A client
 * that is not registered ({@code registered: false}) is shown by its client id alone.
 */
public record RecipientView(
    String clientId,
    boolean registered,
    String name,
    String legalName,
    String address,
    String phone,
    String email,
    String website) {
  public static RecipientView of(String clientId, Grantee g) {
    if (g == null) {
      return new RecipientView(clientId, false, null, null, null, null, null, null);
    }
    return new RecipientView(
        clientId, true, g.displayName(), g.legalName, g.address, g.phone, g.email, g.website);
  }
}
