package dev.credence.ingestion.rest;

import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reads a request body up to a limit; beyond it, 413 {@code payload-too-large}. */
final class BoundedBody {
  private BoundedBody() {}

  static String read(InputStream in, long limit) throws IOException {
    if (in == null) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    for (int read; (read = in.read(buffer)) != -1; ) {
      total += read;
      if (total > limit) {
        throw new ProblemException(
            ProblemTypes.PAYLOAD_TOO_LARGE,
            "The request body exceeds "
                + limit
                + " bytes; use the NDJSON stream (POST /v1/records/stream) for large volumes",
            Map.of("limit", limit));
      }
      out.write(buffer, 0, read);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
