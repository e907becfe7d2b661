package dev.credence.consent.rest;

import dev.credence.common.problem.ProblemException;
import dev.credence.common.security.Caller;
import dev.credence.consent.model.SubjectIdentifier;
import dev.credence.consent.rest.dto.EnrolRequest;
import dev.credence.consent.rest.dto.SubjectView;
import dev.credence.consent.service.ConsentProblems;
import dev.credence.consent.service.SubjectService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/subjects/me")
@Tag(name = "Subjects", description = "Enrolment of the calling person")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubjectResource {
  @Inject SubjectService subjects;
  @Inject Caller caller;
  @Inject JsonWebToken jwt;

  @PUT
  @RolesAllowed("individual")
  @Operation(
      summary = "Enrol (idempotent)",
      description =
          "Opens the caller's file. A national id, if given, is kept only as a keyed hash so that"
              + " furnishers and lenders can name the person. 201 when created, 200 when it existed.")
  public Response enrol(@Valid EnrolRequest body) {
    SubjectService.Enrolment e =
        subjects.enrolPerson(
            caller.subjectId(), jwt.getSubject(), body == null ? null : body.nationalId());
    return Response.status(e.created() ? 201 : 200).entity(view(e)).build();
  }

  @GET
  @RolesAllowed("individual")
  @Operation(summary = "The caller's enrolment")
  public SubjectView me() {
    String subjectId = caller.subjectId();
    return subjects
        .find(subjectId)
        .map(s -> view(new SubjectService.Enrolment(s, SubjectIdentifier.ofSubject(s.id), false)))
        .orElseThrow(
            () ->
                new ProblemException(ConsentProblems.NOT_ENROLLED, "The caller has not enrolled"));
  }

  private static SubjectView view(SubjectService.Enrolment e) {
    return new SubjectView(
        e.subject().id,
        e.subject().subjectType,
        e.subject().enrolledAt,
        e.identifiers().stream().map(i -> i.key.type()).distinct().toList());
  }
}
