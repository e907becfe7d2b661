package dev.credence.consent.rest.dto;

import dev.credence.consent.rest.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The subject id (Keycloak {@code subject_id} claim) of a user holding the officer role. */
@PlainText
public record OfficerLinkRequest(@NotBlank @Size(max = 100) String officerSubjectId) {}
