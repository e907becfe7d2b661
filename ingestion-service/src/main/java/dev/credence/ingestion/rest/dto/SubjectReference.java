package dev.credence.ingestion.rest.dto;

import dev.credence.common.events.IdentifierType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Who the record is about; matched by keyed hash, never stored in clear")
public record SubjectReference(
    @NotNull IdentifierType identifierType,
    @Schema(description = "The identifier in clear (sent over TLS, hashed on arrival)")
        @NotBlank
        @Size(max = 64)
        String identifier) {}
