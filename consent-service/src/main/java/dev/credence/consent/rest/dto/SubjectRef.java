package dev.credence.consent.rest.dto;

import dev.credence.common.events.IdentifierType;
import dev.credence.consent.rest.validation.PlainText;
import dev.credence.consent.rest.validation.StatedIdentifier;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A subject named by an identifier the caller holds; matched by keyed hash, never stored. */
@PlainText
public record SubjectRef(
    @NotNull IdentifierType identifierType,
    @NotBlank @Size(max = 64) @StatedIdentifier String identifier) {}
