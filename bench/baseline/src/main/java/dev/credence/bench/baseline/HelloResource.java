package dev.credence.bench.baseline;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The benchmark baseline: the cheapest possible Quarkus JSON endpoint. */
@Path("/hello")
public class HelloResource {

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> hello() {
    return Map.of("message", "hello", "service", "bench-baseline");
  }
}
