package dev.credence.consent.rest;

import dev.credence.common.security.Caller;
import dev.credence.consent.rest.dto.ErasureView;
import dev.credence.consent.service.ErasureService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A person asks for erasure (GDPR Art. 17) and follows the request. */
@Path("/v1/erasure-requests")
@Tag(name = "Erasure", description = "The calling person's erasure requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("individual")
public class ErasureResource {
  @Inject ErasureService erasure;
  @Inject Caller caller;

  @POST
  @Operation(
      summary = "Ask for erasure",
      description =
          "202 with the statement of what is erased and what the law makes Credence keep, and why."
              + " Ends every consent at once; the other services erase on the event. Asking again"
              + " returns the existing request (200).")
  public Response request() {
    String subjectId = caller.subjectId();
    ErasureService.Outcome outcome = erasure.request(subjectId, subjectId);
    return Response.status(outcome.created() ? 202 : 200)
        .entity(ErasureView.of(outcome.request()))
        .build();
  }

  @GET
  @Operation(summary = "My erasure requests and their status")
  public List<ErasureView> list() {
    return erasure.ofSubject(caller.subjectId()).stream().map(ErasureView::of).toList();
  }
}
