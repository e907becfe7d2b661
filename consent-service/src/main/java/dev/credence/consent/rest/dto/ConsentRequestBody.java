package dev.credence.consent.rest.dto;

import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.consent.rest.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Set;

/** A lender asks a subject, whom it knows by an identifier, for a DISCLOSE consent. */
@PlainText
public record ConsentRequestBody(
    @NotNull @Valid SubjectRef subject,
    @NotNull Purpose purpose,
    @NotEmpty Set<@NotNull DataCategory> categories,
    Instant startsAt,
    Instant expiresAt,
    @Min(1) Integer usageLimit) {}
