package dev.credence.consent.rest.dto;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.consent.rest.validation.PlainText;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;

/** A subject grants a lender ({@code DISCLOSE}) or a furnisher ({@code COLLECT}) a consent. */
@PlainText
public record GrantRequest(
    @NotBlank @Size(max = 100) String granteeId,
    @NotNull ConsentDirection direction,
    @NotNull Purpose purpose,
    @NotEmpty Set<@NotNull DataCategory> categories,
    Instant startsAt,
    Instant expiresAt,
    @Min(1) Integer usageLimit) {}
