package dev.credence.consent.rest;

import dev.credence.common.security.Caller;
import dev.credence.consent.domain.HashChain;
import dev.credence.consent.rest.dto.AccessLogView;
import dev.credence.consent.service.AccessLogService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The access log (FCRA §609(a)(3), GDPR Art. 15) and its tamper-evidence check. */
@Path("/v1/access-log")
@Tag(name = "Access log")
@Produces(MediaType.APPLICATION_JSON)
public class AccessLogResource {
  @Inject AccessLogService accessLog;
  @Inject Caller caller;
  @Inject SecurityIdentity identity;
  @Inject ActingSubject acting;

  @GET
  @RolesAllowed({"individual", "officer", "lender"})
  @Operation(
      summary = "Disclosures I may see",
      description =
          "A person sees every disclosure of their own score, an officer (header"
              + " Credence-Organisation) those of its organisation; a lender sees only its own.")
  public List<AccessLogView> mine(@HeaderParam(ActingSubject.HEADER) String organisation) {
    boolean lenderView =
        organisation == null && identity.hasRole("lender") && !identity.hasRole("individual");
    var entries =
        lenderView
            ? accessLog.forLender(caller.clientId())
            : accessLog.forSubject(acting.resolve(organisation));
    return entries.stream().map(AccessLogView::of).toList();
  }

  @GET
  @Path("/all")
  @RolesAllowed("auditor")
  @Operation(summary = "Auditor: every entry, optionally of one subject (read-only)")
  public List<AccessLogView> all(@QueryParam("subjectId") String subjectId) {
    var entries =
        subjectId == null
            ? dev.credence.consent.model.AccessLogEntry
                .<dev.credence.consent.model.AccessLogEntry>list("order by sequence")
            : accessLog.forSubject(subjectId);
    return entries.stream().map(AccessLogView::of).toList();
  }

  @GET
  @Path("/verify")
  @RolesAllowed({"auditor", "operator"})
  @Operation(summary = "Verify the hash chain; reports the first broken link")
  public HashChain.Verdict verify() {
    return accessLog.verify();
  }
}
