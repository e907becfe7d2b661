package dev.credence.consent.rest;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.problem.ProblemException;
import dev.credence.consent.rest.dto.ConsentView;
import dev.credence.consent.rest.dto.HistoryEntryView;
import dev.credence.consent.rest.dto.ReceiptView;
import dev.credence.consent.service.ConsentProblems;
import dev.credence.consent.service.ConsentService;
import dev.credence.consent.service.ReceiptService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Read-only views for auditors: any subject's consents, their history and receipts. Nothing here
 * changes anything, and no mutating endpoint admits the auditor role.
 */
@Path("/v1/audit/consents")
@Tag(name = "Audit", description = "Read-only views for auditors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("auditor")
public class AuditResource {
  @Inject ConsentService consents;
  @Inject ReceiptService receipts;

  @GET
  @Operation(
      summary = "Consents of a subject or a grantee",
      description =
          "subjectId and/or granteeId (one is required); status (in force now), direction.")
  public List<ConsentView> list(
      @QueryParam("subjectId") String subjectId,
      @QueryParam("granteeId") String granteeId,
      @QueryParam("status") ConsentStatus status,
      @QueryParam("direction") ConsentDirection direction) {
    if (blank(subjectId) && blank(granteeId)) {
      throw new ProblemException(
          ConsentProblems.AUDIT_FILTER_REQUIRED, "Give subjectId, granteeId or both");
    }
    var now = consents.now();
    return ConsentView.list(
        consents.listForAudit(
            blank(subjectId) ? null : subjectId,
            blank(granteeId) ? null : granteeId,
            new ConsentService.Filter(status, direction, null)),
        now);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Any consent")
  public ConsentView get(@PathParam("id") UUID id) {
    return ConsentView.of(consents.anyConsent(id), consents.now());
  }

  @GET
  @Path("/{id}/history")
  @Operation(summary = "The complete history of any consent")
  public List<HistoryEntryView> history(@PathParam("id") UUID id) {
    consents.anyConsent(id);
    return consents.history(id).stream().map(HistoryEntryView::of).toList();
  }

  @GET
  @Path("/{id}/receipts")
  @Operation(summary = "The signed receipts of any consent")
  public List<ReceiptView> receipts(@PathParam("id") UUID id) {
    consents.anyConsent(id);
    return receipts.ofConsent(id).stream().map(ReceiptView::of).toList();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
