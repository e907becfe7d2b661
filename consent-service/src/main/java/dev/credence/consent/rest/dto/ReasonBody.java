package dev.credence.consent.rest.dto;

import jakarta.validation.constraints.Size;

public record ReasonBody(@Size(max = 500) String reason) {}
