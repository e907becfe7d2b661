package dev.credence.consent.rest;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.Purpose;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/purposes")
@Tag(name = "Purposes")
@Produces(MediaType.APPLICATION_JSON)
public class PurposeResource {
  public record PurposeView(
      Purpose code, ConsentDirection direction, boolean hardInquiry, String text) {}

  @GET
  @Authenticated
  @Operation(summary = "The purpose catalogue (any authenticated caller)")
  public List<PurposeView> list() {
    return Arrays.stream(Purpose.values())
        .map(p -> new PurposeView(p, p.direction(), p.hardInquiry(), p.text()))
        .toList();
  }
}
