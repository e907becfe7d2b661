package dev.credence.consent.rest;

import dev.credence.common.problem.ProblemException;
import dev.credence.common.security.Caller;
import dev.credence.consent.domain.OrganisationRegistration;
import dev.credence.consent.model.Organisation;
import dev.credence.consent.rest.dto.OfficerLinkRequest;
import dev.credence.consent.rest.dto.OrganisationRequest;
import dev.credence.consent.rest.dto.OrganisationView;
import dev.credence.consent.service.ConsentProblems;
import dev.credence.consent.service.OrganisationService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators register organisations and link officers; officers see the ones they act for. */
@Path("/v1/organisations")
@Tag(name = "Organisations", description = "Registration (operator) and officer links")
@Produces(MediaType.APPLICATION_JSON)
public class OrganisationResource {
  @Inject OrganisationService organisations;
  @Inject Caller caller;
  @Inject SecurityIdentity identity;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("operator")
  @Operation(
      summary = "Register an organisation",
      description =
          "Legal name, ISO 3166-1 country, registration number and/or LEI (ISO 17442 check digits"
              + " verified). The identifiers travel to the other services only as keyed hashes.")
  public Response register(@Valid @NotNull OrganisationRequest body) {
    Organisation org =
        organisations.register(
            new OrganisationRegistration(
                body.legalName(), body.country(), body.registrationNumber(), body.lei()),
            operator());
    return Response.created(URI.create("/v1/organisations/" + org.subjectId))
        .entity(OrganisationView.of(org, List.of()))
        .build();
  }

  @GET
  @RolesAllowed({"operator", "auditor", "officer"})
  @Operation(
      summary = "Organisations",
      description = "Operators and auditors see all; an officer sees those it currently acts for.")
  public List<OrganisationView> list() {
    List<Organisation> orgs =
        identity.hasRole("operator") || identity.hasRole("auditor")
            ? organisations.all()
            : organisations.ofOfficer(caller.subjectId());
    return orgs.stream()
        .map(o -> OrganisationView.of(o, organisations.officers(o.subjectId)))
        .toList();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({"operator", "auditor", "officer"})
  @Operation(summary = "One organisation (an officer: only one it acts for, others → 404)")
  public OrganisationView get(@PathParam("id") String id) {
    if (!identity.hasRole("operator")
        && !identity.hasRole("auditor")
        && !organisations.isOfficer(id, caller.subjectId())) {
      throw new ProblemException(ConsentProblems.ORGANISATION_NOT_FOUND, "No organisation " + id);
    }
    return OrganisationView.of(organisations.get(id), organisations.officers(id));
  }

  @POST
  @Path("/{id}/officers")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("operator")
  @Operation(
      summary = "Link an officer",
      description = "By the officer's subject id; 201 when linked, 200 when already linked.")
  public Response link(@PathParam("id") String id, @Valid @NotNull OfficerLinkRequest body) {
    OrganisationService.OfficerLink link =
        organisations.link(id, body.officerSubjectId().strip(), operator());
    return Response.status(link.created() ? 201 : 200)
        .entity(OrganisationView.OfficerView.of(link.link()))
        .build();
  }

  @DELETE
  @Path("/{id}/officers/{officerSubjectId}")
  @RolesAllowed("operator")
  @Operation(summary = "Unlink an officer (the link is closed, kept for the record)")
  public Response unlink(
      @PathParam("id") String id, @PathParam("officerSubjectId") String officerSubjectId) {
    organisations.unlink(id, officerSubjectId, operator());
    return Response.noContent().build();
  }

  /** Who acts: the operator's principal name (a user's preferred name or a client's id). */
  private String operator() {
    return identity.getPrincipal().getName();
  }
}
