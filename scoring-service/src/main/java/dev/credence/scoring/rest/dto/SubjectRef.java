package dev.credence.scoring.rest.dto;

import dev.credence.common.events.IdentifierType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subject as the lender knows it: an identifier, matched by keyed hash and never stored. */
public record SubjectRef(
    @Schema(example = "NATIONAL_ID") @NotNull IdentifierType identifierType,
    @Schema(example = "DEMO-1001") @NotBlank @Size(max = 128) String identifier) {}
