package dev.credence.common.security;

import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the verified access token: a client (lender, furnisher) by its client id, a
 * person by the {@code subject_id} claim the realm maps from the user's profile.
 */
@RequestScoped
public class Caller {
  public static final ProblemType NO_SUBJECT =
      new ProblemType("subject-claim-missing", 403, "Token carries no subject");
  public static final ProblemType NO_CLIENT =
      new ProblemType("client-claim-missing", 403, "Token carries no client id");

  @Inject JsonWebToken jwt;

  /** The OAuth client the token was issued to ({@code azp}). */
  public String clientId() {
    String azp = jwt.getClaim("azp");
    if (azp == null || azp.isBlank()) {
      azp = jwt.getClaim("client_id");
    }
    if (azp == null || azp.isBlank()) {
      throw new ProblemException(NO_CLIENT, "The access token names no client (azp)");
    }
    return azp;
  }

  /** The data subject id of a person or officer ({@code subject_id} claim, else {@code sub}). */
  public String subjectId() {
    String subjectId = jwt.getClaim("subject_id");
    if (subjectId == null || subjectId.isBlank()) {
      subjectId = jwt.getSubject();
    }
    if (subjectId == null || subjectId.isBlank()) {
      throw new ProblemException(NO_SUBJECT, "The access token names no subject");
    }
    return subjectId;
  }
}
