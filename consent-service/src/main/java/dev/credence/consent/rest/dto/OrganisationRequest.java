package dev.credence.consent.rest.dto;

import dev.credence.consent.rest.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An operator registers an organisation: registration number and/or LEI (both public). */
@PlainText
public record OrganisationRequest(
    @NotBlank @Size(max = 200) String legalName,
    @NotBlank @Size(min = 2, max = 2) String country,
    @Size(max = 40) String registrationNumber,
    @Size(max = 24) String lei) {}
