package dev.credence.consent.rest;

import dev.credence.consent.model.Dispute;
import dev.credence.consent.rest.dto.DisputeRequest;
import dev.credence.consent.rest.dto.DisputeView;
import dev.credence.consent.service.DisputeService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Disputes over records held about the subject, opened here and forwarded to ingestion. */
@Path("/v1/disputes")
@Tag(
    name = "Disputes",
    description = "A person's (or, for an officer, its organisation's) disputes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"individual", "officer"})
public class DisputeResource {
  @Inject DisputeService disputes;
  @Inject ActingSubject acting;

  @HeaderParam(ActingSubject.HEADER)
  String organisation;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Dispute a record",
      description =
          "A person's record is first confirmed as theirs with ingestion-service (their own token);"
              + " the dispute is then forwarded to ingestion, which asks the furnisher to verify it"
              + " within 30 days.")
  public Response open(@Valid @NotNull DisputeRequest body) {
    String subjectId = acting.resolve(organisation);
    // ingestion answers GET /v1/me/records only for a person's own token: an organisation's
    // record is checked by ingestion when it receives dispute.opened (see docs/consent.md)
    boolean personal = organisation == null || organisation.isBlank();
    Dispute d = disputes.open(subjectId, acting.actor(), body.recordId(), body.reason(), personal);
    return Response.created(URI.create("/v1/disputes/" + d.id)).entity(DisputeView.of(d)).build();
  }

  @GET
  @Operation(summary = "My disputes, newest first")
  public List<DisputeView> list() {
    return disputes.ofSubject(acting.resolve(organisation)).stream().map(DisputeView::of).toList();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One of my disputes")
  public DisputeView get(@PathParam("id") UUID id) {
    return DisputeView.of(disputes.own(acting.resolve(organisation), id));
  }
}
