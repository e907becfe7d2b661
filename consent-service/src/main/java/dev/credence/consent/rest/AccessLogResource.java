package dev.credence.consent.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.common.events.EventCodec;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.security.Caller;
import dev.credence.consent.domain.HashChain;
import dev.credence.consent.rest.dto.AccessLogView;
import dev.credence.consent.service.AccessLogService;
import dev.credence.consent.service.ConsentProblems;
import dev.credence.consent.service.ReceiptSigner;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
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
  @Inject ReceiptSigner signer;

  @GET
  @RolesAllowed({"individual", "officer", "lender"})
  @Operation(
      summary = "Disclosures I may see, newest first, a page at a time",
      description =
          "A person sees every disclosure of their own score, an officer (header"
              + " Credence-Organisation) those of its organisation; a lender sees only its own."
              + " At most `limit` entries (default 100, at most 1000), newest first; when there"
              + " are more, the `Link` header (rel=\"next\") gives the next page's URL, whose"
              + " `after` is the sequence of this page's last entry.")
  public Response mine(
      @HeaderParam(ActingSubject.HEADER) String organisation,
      @QueryParam("limit")
          @DefaultValue("" + AccessLogService.DEFAULT_PAGE)
          @Min(1)
          @Max(AccessLogService.MAX_PAGE)
          int limit,
      @QueryParam("after") @Positive Long after,
      @Context UriInfo uri) {
    boolean lenderView =
        organisation == null && identity.hasRole("lender") && !identity.hasRole("individual");
    AccessLogService.Listing listing =
        lenderView
            ? accessLog.forLender(caller.clientId(), after, limit)
            : accessLog.forSubject(acting.resolve(organisation), after, limit);
    return page(listing, limit, uri);
  }

  @GET
  @Path("/all")
  @RolesAllowed("auditor")
  @Operation(
      summary = "Auditor: every entry, optionally of one subject (read-only), newest first",
      description = "Paged as GET /v1/access-log: `limit`, `after` and the `Link` header.")
  public Response all(
      @QueryParam("subjectId") String subjectId,
      @QueryParam("limit")
          @DefaultValue("" + AccessLogService.DEFAULT_PAGE)
          @Min(1)
          @Max(AccessLogService.MAX_PAGE)
          int limit,
      @QueryParam("after") @Positive Long after,
      @Context UriInfo uri) {
    AccessLogService.Listing listing =
        subjectId == null
            ? accessLog.all(after, limit)
            : accessLog.forSubject(subjectId, after, limit);
    return page(listing, limit, uri);
  }

  /**
   * The page as a JSON array (the shape these endpoints always had) and, when there is more, an RFC
   * 8288 {@code Link: <…?after=N&limit=L>; rel="next"} header: a reference relative to this
   * service's root (path and query), so it holds behind a proxy, with the request's other query
   * parameters kept.
   */
  static Response page(AccessLogService.Listing listing, int limit, UriInfo uri) {
    Response.ResponseBuilder response = Response.ok(AccessLogView.list(listing.entries()));
    if (listing.next() != null) {
      URI next =
          uri.getRequestUriBuilder()
              .replaceQueryParam("after", listing.next())
              .replaceQueryParam("limit", limit)
              .build();
      response.header(
          HttpHeaders.LINK, "<" + next.getRawPath() + "?" + next.getRawQuery() + ">; rel=\"next\"");
    }
    return response.build();
  }

  /** A checkpoint to check: the compact JWS as {@code GET /v1/access-log/checkpoint} issued it. */
  public record CheckpointBody(@NotBlank @Size(max = 4000) String jws) {}

  @GET
  @Path("/checkpoint")
  @RolesAllowed({"auditor", "operator"})
  @Operation(
      summary = "The log's head, signed",
      description =
          "The last entry's sequence and hash, as a compact JWS (ES256, typ"
              + " access-log-checkpoint+jws) verifiable with GET /v1/receipt-keys. Keep it: POST"
              + " it to /v1/access-log/checkpoint/verify later to show the log still holds every"
              + " entry it covered, unchanged.")
  public AccessLogService.Checkpoint checkpoint() {
    return accessLog.checkpoint();
  }

  @POST
  @Path("/checkpoint/verify")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"auditor", "operator"})
  @Operation(
      summary = "Check the log against a checkpoint issued earlier",
      description =
          "valid: the entry the checkpoint names is still there with the same hash, and the chain"
              + " up to it verifies. 422 invalid-checkpoint when the JWS is not a checkpoint signed"
              + " by this service.")
  public AccessLogService.CheckpointVerdict verifyCheckpoint(@Valid @NotNull CheckpointBody body) {
    String payload =
        signer
            .verified(body.jws(), AccessLogService.CHECKPOINT_TYPE)
            .orElseThrow(
                () ->
                    new ProblemException(
                        ConsentProblems.INVALID_CHECKPOINT,
                        "The JWS is not an access-log checkpoint signed by this service"));
    long sequence;
    String entryHash;
    Instant issuedAt;
    try {
      JsonNode p = EventCodec.mapper().readTree(payload);
      if (!"credence-access-log".equals(p.path("log").asText())
          || !p.path("sequence").canConvertToLong()
          || !p.path("entryHash").isTextual()) {
        throw new IllegalArgumentException("not a checkpoint");
      }
      sequence = p.get("sequence").asLong();
      entryHash = p.get("entryHash").asText();
      issuedAt = Instant.parse(p.path("issuedAt").asText());
    } catch (java.io.IOException | RuntimeException e) {
      throw new ProblemException(
          ConsentProblems.INVALID_CHECKPOINT, "The checkpoint's content is not readable");
    }
    // outside the try: a database failure is a 5xx, never "not our checkpoint"
    return accessLog.verifyCheckpoint(sequence, entryHash, issuedAt);
  }

  @GET
  @Path("/verify")
  @RolesAllowed({"auditor", "operator"})
  @Operation(summary = "Verify the hash chain; reports the first broken link")
  public HashChain.Verdict verify() {
    return accessLog.verify();
  }
}
