package dev.credence.consent.rest.dto;

import jakarta.validation.constraints.Size;

/** Enrolment; the national id is optional and stored only as a keyed hash. */
public record EnrolRequest(@Size(min = 4, max = 64) String nationalId) {}
