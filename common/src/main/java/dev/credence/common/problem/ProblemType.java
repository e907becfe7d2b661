package dev.credence.common.problem;

import java.net.URI;

/** One stable problem type per distinct error (RFC 9457), listed in docs/errors.md. */
public record ProblemType(String slug, int status, String title) {
  public static final String BASE = "https://credence.dev/problems/";

  public URI uri() {
    return URI.create(BASE + slug);
  }
}
