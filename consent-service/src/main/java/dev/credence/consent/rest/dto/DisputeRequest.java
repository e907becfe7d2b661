package dev.credence.consent.rest.dto;

import dev.credence.consent.rest.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The record disputed (its id as shown in the data export) and why, in the subject's words. */
@PlainText
public record DisputeRequest(@NotNull UUID recordId, @NotBlank @Size(max = 2000) String reason) {}
