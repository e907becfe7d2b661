package dev.credence.consent.rest;

import dev.credence.consent.service.ReceiptSigner;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public key set that verifies consent receipts: deliberately open to anyone. */
@Path("/v1/receipt-keys")
@Tag(name = "Receipts")
public class ReceiptKeyResource {
  @Inject ReceiptSigner signer;

  @GET
  @PermitAll
  @Produces("application/jwk-set+json")
  @Operation(summary = "JWK set verifying consent receipts (public)")
  public Map<String, Object> keys() {
    return signer.jwks();
  }
}
