package dev.credence.consent.rest;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.consent.domain.ConsentTerms;
import dev.credence.consent.model.Consent;
import dev.credence.consent.rest.dto.ConsentView;
import dev.credence.consent.rest.dto.GrantRequest;
import dev.credence.consent.rest.dto.HistoryEntryView;
import dev.credence.consent.rest.dto.ReasonBody;
import dev.credence.consent.rest.dto.ReceiptView;
import dev.credence.consent.service.ConsentService;
import dev.credence.consent.service.ReceiptService;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The subject's own consents: list, grant, approve or reject requests, revoke, history. */
@Path("/v1/consents")
@Tag(
    name = "Consents",
    description =
        "A person's own consents (role individual), or an organisation's for its officer (role"
            + " officer, header Credence-Organisation)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"individual", "officer"})
public class ConsentResource {
  @Inject ConsentService consents;
  @Inject ActingSubject acting;
  @Inject ReceiptService receipts;

  /** Set by an officer to the organisation it acts for; absent for a person's own file. */
  @HeaderParam(ActingSubject.HEADER)
  String organisation;

  private String subject() {
    return acting.resolve(organisation);
  }

  @GET
  @Operation(
      summary = "List my consents",
      description = "Filters: status (as in force now), direction, granteeId.")
  public List<ConsentView> list(
      @QueryParam("status") ConsentStatus status,
      @QueryParam("direction") ConsentDirection direction,
      @QueryParam("granteeId") String granteeId) {
    var now = consents.now();
    return ConsentView.list(
        consents.listForSubject(subject(), new ConsentService.Filter(status, direction, granteeId)),
        now);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Grant a consent", description = "Active at once; default expiry one year.")
  public Response grant(@Valid @NotNull GrantRequest body) {
    String subjectId = subject();
    Consent consent =
        consents.grant(
            subjectId,
            new ConsentTerms(
                body.granteeId(),
                body.direction(),
                body.purpose(),
                body.categories(),
                body.startsAt(),
                body.expiresAt(),
                body.usageLimit()),
            acting.actor());
    return Response.created(URI.create("/v1/consents/" + consent.id))
        .entity(ConsentView.of(consent, consents.now()))
        .build();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One of my consents")
  public ConsentView get(@PathParam("id") UUID id) {
    return ConsentView.of(consents.ownConsent(subject(), id), consents.now());
  }

  @GET
  @Path("/{id}/history")
  @Operation(summary = "The append-only history of one of my consents")
  public List<HistoryEntryView> history(@PathParam("id") UUID id) {
    consents.ownConsent(subject(), id);
    return consents.history(id).stream()
        .map(
            h ->
                new HistoryEntryView(
                    h.key.sequence(), h.fromStatus, h.toStatus, h.changedAt, h.changedBy, h.reason))
        .toList();
  }

  @GET
  @Path("/{id}/receipts")
  @Operation(
      summary = "Signed receipts of one of my consents",
      description =
          "Each grant and revocation yields a Kantara v1.1 consent receipt signed as a compact JWS"
              + " (ES256); verify it offline with the key set at /v1/receipt-keys.")
  public List<ReceiptView> receipts(@PathParam("id") UUID id) {
    consents.ownConsent(subject(), id);
    return receipts.ofConsent(id).stream().map(ReceiptView::of).toList();
  }

  @POST
  @Path("/{id}/revoke")
  @Operation(summary = "Revoke a consent (immediate, one call)")
  public ConsentView revoke(@PathParam("id") UUID id, @Valid ReasonBody body) {
    String subjectId = subject();
    return ConsentView.of(
        consents.revoke(subjectId, id, acting.actor(), body == null ? null : body.reason()),
        consents.now());
  }

  @POST
  @Path("/{id}/approve")
  @Operation(summary = "Approve a lender's pending request")
  public ConsentView approve(@PathParam("id") UUID id) {
    String subjectId = subject();
    return ConsentView.of(consents.approve(subjectId, id, acting.actor()), consents.now());
  }

  @POST
  @Path("/{id}/reject")
  @Operation(summary = "Reject a lender's pending request")
  public ConsentView reject(@PathParam("id") UUID id, @Valid ReasonBody body) {
    String subjectId = subject();
    return ConsentView.of(
        consents.reject(subjectId, id, acting.actor(), body == null ? null : body.reason()),
        consents.now());
  }
}
