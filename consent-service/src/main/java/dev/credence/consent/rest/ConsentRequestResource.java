package dev.credence.consent.rest;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.security.Caller;
import dev.credence.consent.domain.ConsentTerms;
import dev.credence.consent.model.Consent;
import dev.credence.consent.rest.dto.ConsentRequestBody;
import dev.credence.consent.rest.dto.ConsentView;
import dev.credence.consent.service.ConsentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lenders ask subjects for DISCLOSE consents and follow their own requests only. */
@Path("/v1/consent-requests")
@Tag(name = "Consent requests", description = "Lender requests (role lender; own requests only)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("lender")
public class ConsentRequestResource {
  @Inject ConsentService consents;
  @Inject Caller caller;

  @POST
  @Operation(
      summary = "Request a DISCLOSE consent",
      description = "The subject sees it as PENDING in the portal and approves or rejects it.")
  public Response request(@Valid @NotNull ConsentRequestBody body) {
    String lenderId = caller.clientId();
    Consent consent =
        consents.request(
            lenderId,
            body.subject().identifierType(),
            body.subject().identifier(),
            new ConsentTerms(
                lenderId,
                ConsentDirection.DISCLOSE,
                body.purpose(),
                body.categories(),
                body.startsAt(),
                body.expiresAt(),
                body.usageLimit()));
    return Response.created(URI.create("/v1/consent-requests/" + consent.id))
        .entity(ConsentView.of(consent, consents.now()))
        .build();
  }

  @GET
  @Operation(summary = "My requests", description = "Filter by status as in force now.")
  public List<ConsentView> list(@QueryParam("status") ConsentStatus status) {
    var now = consents.now();
    return ConsentView.list(
        consents.listRequestedBy(caller.clientId(), new ConsentService.Filter(status, null, null)),
        now);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One of my requests")
  public ConsentView get(@PathParam("id") UUID id) {
    return ConsentView.of(consents.requestedConsent(caller.clientId(), id), consents.now());
  }
}
