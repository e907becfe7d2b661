package dev.credence.ingestion.rest;

import dev.credence.common.events.DataCategory;
import dev.credence.common.problem.Problem;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemTypes;
import dev.credence.ingestion.domain.CategorySchemas;
import dev.credence.ingestion.domain.CategorySchemas.CategorySchema;
import dev.credence.ingestion.domain.ConsentGate;
import dev.credence.ingestion.rest.dto.SchemaSummary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/schemas")
@Tag(name = "Schemas", description = "The closed JSON Schemas (draft 2020-12) of the categories")
@RolesAllowed({"furnisher", "operator", "auditor"})
public class SchemaResource {
  @Inject CategorySchemas schemas;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "List the published category schemas and their current versions")
  public List<SchemaSummary> list() {
    return schemas.all().stream().map(SchemaResource::summary).toList();
  }

  @GET
  @Path("/{category}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The current JSON Schema of a category")
  @APIResponse(responseCode = "200", description = "The schema document")
  @APIResponse(
      responseCode = "404",
      description = "Unknown category, or no schema published for it yet",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public String get(@PathParam("category") String category) {
    String name = category.toUpperCase(Locale.ROOT);
    return Arrays.stream(DataCategory.values())
        .filter(c -> c.name().equals(name))
        .findFirst()
        .flatMap(schemas::current)
        .map(CategorySchema::json)
        .orElseThrow(
            () ->
                new ProblemException(
                    ProblemTypes.NOT_FOUND, "No schema is published for category " + name));
  }

  private static SchemaSummary summary(CategorySchema s) {
    return new SchemaSummary(
        s.category().name(),
        s.version(),
        s.category().subjectType().name(),
        ConsentGate.requiresConsent(s.category()),
        "https://credence.dev/schemas/" + s.category().name() + "/v" + s.version(),
        "/v1/schemas/" + s.category().name());
  }
}
