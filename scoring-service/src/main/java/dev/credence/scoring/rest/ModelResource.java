package dev.credence.scoring.rest;

import dev.credence.common.problem.Problem;
import dev.credence.scoring.rest.dto.ModelStatusRequest;
import dev.credence.scoring.rest.dto.RegisterModelRequest;
import dev.credence.scoring.service.ModelRegistryService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The model registry (docs/model-development.md): operators register, validate and promote models;
 * auditors read. Individual shadow scores are never served, only the comparison's aggregates.
 */
@Path("/v1/models")
@Tag(name = "Models", description = "Model registry: champion / challenger governance")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
  @Inject ModelRegistryService registry;
  @Inject dev.credence.scoring.service.StabilityService stability;
  @Inject SecurityIdentity identity;

  @GET
  @RolesAllowed({"operator", "auditor"})
  @Operation(summary = "Every registered model with its status")
  public List<ModelRegistryService.Summary> list() {
    return registry.list();
  }

  @GET
  @Path("/comparison")
  @RolesAllowed({"operator", "auditor"})
  @Operation(summary = "Champion vs challenger over the challenger's shadow scores (aggregates)")
  public ModelRegistryService.Comparison comparison(
      @QueryParam("subjectType") @DefaultValue("PERSON") String subjectType) {
    return registry.compare(subjectType);
  }

  @GET
  @Path("/{key}")
  @RolesAllowed({"operator", "auditor"})
  @Operation(summary = "A model: definition, validation report and status history")
  @APIResponse(
      responseCode = "404",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public ModelRegistryService.Detail get(@PathParam("key") String key) {
    return registry.detail(key);
  }

  @GET
  @Path("/{key}/stability")
  @RolesAllowed({"operator", "auditor"})
  @Operation(
      summary = "Population stability of the scores a person model released",
      description =
          "PSI of its SCORED disclosures in [from, to) (default: the 30 days before now) against"
              + " its development population (the validation report), for the score and each"
              + " feature; aggregates only")
  @APIResponse(
      responseCode = "409",
      description = "The model has no development population to compare with",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public dev.credence.scoring.service.StabilityService.Report stability(
      @PathParam("key") String key, @QueryParam("from") String from, @QueryParam("to") String to) {
    return stability.stability(key, from, to);
  }

  @POST
  @RolesAllowed("operator")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Register a model file (validated as at load) as DRAFT",
      description =
          "A person scorecard, or an organisation rating model (subjectType ORGANISATION)")
  @APIResponse(responseCode = "201")
  @APIResponse(
      responseCode = "422",
      description = "The model breaks a rule; every problem is listed",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response register(RegisterModelRequest request) {
    ModelRegistryService.Detail d =
        registry.register(
            request == null ? null : request.definition(),
            request == null ? null : request.validationReport(),
            actor());
    return Response.created(URI.create("/v1/models/" + d.model().key())).entity(d).build();
  }

  @POST
  @Path("/{key}/status")
  @RolesAllowed("operator")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Move a model to another status, saying why")
  @APIResponse(
      responseCode = "409",
      description = "Not allowed from the model's current status",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public ModelRegistryService.Detail changeStatus(
      @PathParam("key") String key, ModelStatusRequest request) {
    return registry.transition(
        key,
        request == null ? null : request.status(),
        request == null ? null : request.reason(),
        actor());
  }

  private String actor() {
    return identity.getPrincipal().getName();
  }
}
