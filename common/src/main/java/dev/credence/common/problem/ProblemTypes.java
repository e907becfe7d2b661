package dev.credence.common.problem;

/** Problem types shared by every service. Service-specific ones live next to their use case. */
public final class ProblemTypes {
  public static final ProblemType MALFORMED_REQUEST =
      new ProblemType("malformed-request", 400, "Malformed request");
  public static final ProblemType VALIDATION_FAILED =
      new ProblemType("validation-failed", 400, "Request validation failed");
  public static final ProblemType UNAUTHORIZED =
      new ProblemType("unauthorized", 401, "Authentication required");
  public static final ProblemType FORBIDDEN = new ProblemType("forbidden", 403, "Forbidden");
  public static final ProblemType NOT_FOUND = new ProblemType("not-found", 404, "Not found");
  public static final ProblemType METHOD_NOT_ALLOWED =
      new ProblemType("method-not-allowed", 405, "Method not allowed");
  public static final ProblemType NOT_ACCEPTABLE =
      new ProblemType("not-acceptable", 406, "Not acceptable");
  public static final ProblemType CONFLICT = new ProblemType("conflict", 409, "Conflict");
  public static final ProblemType PAYLOAD_TOO_LARGE =
      new ProblemType("payload-too-large", 413, "Payload too large");
  public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
      new ProblemType("unsupported-media-type", 415, "Unsupported media type");
  public static final ProblemType UNPROCESSABLE =
      new ProblemType("unprocessable", 422, "Unprocessable content");
  public static final ProblemType INTERNAL_ERROR =
      new ProblemType("internal-error", 500, "Internal error");

  /**
   * The client closed the connection before its request was read or answered (nginx's 499): nobody
   * receives this answer, but logs and the HTTP metrics must not count it as a server error.
   */
  public static final ProblemType CLIENT_CLOSED =
      new ProblemType("client-closed-request", 499, "Client closed request");

  public static final ProblemType UNAVAILABLE =
      new ProblemType("service-unavailable", 503, "Service unavailable");

  /**
   * The service's database cannot be reached, refused the connection, or aborted the transaction
   * for a reason of its own (a restart, a failover, a deadlock): retryable, and nothing was stored.
   */
  public static final ProblemType DATABASE_UNAVAILABLE =
      new ProblemType("database-unavailable", 503, "Database unavailable");

  private ProblemTypes() {}

  /** The generic type for a bare HTTP status. */
  public static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> MALFORMED_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 422 -> UNPROCESSABLE;
      case 503 -> UNAVAILABLE;
      default ->
          status >= 500
              ? INTERNAL_ERROR
              : new ProblemType("http-" + status, status, "HTTP " + status);
    };
  }
}
