package dev.credence.consent.rest.dto;

import dev.credence.consent.rest.validation.PlainText;
import dev.credence.consent.rest.validation.StatedIdentifier;
import jakarta.validation.constraints.Size;

/** Enrolment; the national id is optional and stored only as a keyed hash. */
@PlainText
public record EnrolRequest(@Size(min = 4, max = 64) @StatedIdentifier String nationalId) {}
