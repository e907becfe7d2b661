package dev.credence.consent.rest;

import dev.credence.consent.model.Grantee;
import dev.credence.consent.rest.dto.GranteeRequest;
import dev.credence.consent.rest.dto.GranteeView;
import dev.credence.consent.service.GranteeService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The registry of lenders and data furnishers: an operator says who stands behind a client id;
 * everyone signed in may read it (it is what a person is shown about whoever asks for consent or
 * obtains their score).
 */
@Path("/v1/grantees")
@Tag(name = "Grantees", description = "Registered lenders and data furnishers")
@Produces(MediaType.APPLICATION_JSON)
public class GranteeResource {
  /** A Keycloak client id: letters, digits, '.', '_' and '-', up to 100 characters. */
  static final String CLIENT_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

  @Inject GranteeService grantees;
  @Inject SecurityIdentity identity;

  @PUT
  @Path("/{clientId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("operator")
  @Operation(
      summary = "Register a lender or data furnisher, or update what is held about it",
      description =
          "201 when the client id was not registered, 200 when it was. Its kind (LENDER or"
              + " FURNISHER) cannot change: consents already name it as what it was.")
  public Response register(
      @PathParam("clientId")
          @Pattern(regexp = CLIENT_ID, message = "must be a client id: letters, digits, . _ -")
          String clientId,
      @Valid @NotNull GranteeRequest body) {
    GranteeService.Registered r =
        grantees.register(
            clientId,
            new GranteeService.Registration(
                body.kind(),
                body.legalName(),
                body.tradeName(),
                body.address(),
                body.phone(),
                body.email(),
                body.website()),
            identity.getPrincipal().getName());
    GranteeView view = GranteeView.of(r.grantee());
    return r.created()
        ? Response.created(URI.create("/v1/grantees/" + clientId)).entity(view).build()
        : Response.ok(view).build();
  }

  @GET
  @RolesAllowed({"lender", "furnisher", "individual", "officer", "operator", "auditor"})
  @Operation(summary = "Registered grantees, optionally of one kind")
  public List<GranteeView> list(@QueryParam("kind") Grantee.Kind kind) {
    return grantees.all(kind).stream().map(GranteeView::of).toList();
  }

  @GET
  @Path("/{clientId}")
  @RolesAllowed({"lender", "furnisher", "individual", "officer", "operator", "auditor"})
  @Operation(summary = "One registered grantee (404 grantee-not-found when not registered)")
  public GranteeView get(@PathParam("clientId") String clientId) {
    return GranteeView.of(grantees.get(clientId));
  }
}
