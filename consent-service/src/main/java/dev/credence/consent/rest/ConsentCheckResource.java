package dev.credence.consent.rest;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.consent.model.Consent;
import dev.credence.consent.service.ConsentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Diagnostics for operators and auditors: is a consent in force now? The services themselves decide
 * on their event-fed projections, not on this endpoint. (Not {@code /v1/consents:check}: Quarkus
 * REST matches {@code /v1/consents} as a prefix of that path and answers 404.)
 */
@Path("/v1/consent-check")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentCheckResource {
  @Inject ConsentService consents;

  public record CheckResult(
      boolean active,
      List<UUID> consentIds,
      Instant checkedAt,
      String subjectId,
      String granteeId,
      ConsentDirection direction,
      Purpose purpose,
      DataCategory category) {}

  @GET
  @RolesAllowed({"operator", "auditor"})
  @Operation(
      summary = "Is an ACTIVE consent in force now?",
      description = "Expiry by time: a consent past its expiry is never reported active.")
  public CheckResult check(
      @QueryParam("subjectId") @NotBlank String subjectId,
      @QueryParam("granteeId") @NotBlank String granteeId,
      @QueryParam("direction") @NotNull ConsentDirection direction,
      @QueryParam("purpose") Purpose purpose,
      @QueryParam("category") DataCategory category) {
    List<UUID> ids =
        consents.inForceFor(subjectId, granteeId, direction, purpose, category).stream()
            .map((Consent c) -> c.id)
            .toList();
    return new CheckResult(
        !ids.isEmpty(), ids, consents.now(), subjectId, granteeId, direction, purpose, category);
  }
}
