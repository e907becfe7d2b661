package dev.credence.consent.rest;

import dev.credence.common.security.Caller;
import dev.credence.consent.service.ExportService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Data export (GDPR Art. 15 and 20): one JSON document with everything held about the caller. */
@Path("/v1/me/export")
@Tag(name = "Data export")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {
  @Inject ExportService export;
  @Inject Caller caller;

  @GET
  @RolesAllowed("individual")
  @Operation(
      summary = "Download everything held about me",
      description =
          "Subject, consents with history and signed receipts, access log, disputes, erasure"
              + " requests, the records ingestion holds and the score with its explanation. A"
              + " service that cannot answer is marked unavailable with the reason.")
  public Response export() {
    String subjectId = caller.subjectId();
    return Response.ok(export.export(subjectId))
        .header(
            "Content-Disposition",
            "attachment; filename=\"credence-export-" + subjectId + ".json\"")
        .build();
  }
}
