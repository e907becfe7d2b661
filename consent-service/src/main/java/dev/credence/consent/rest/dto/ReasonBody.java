package dev.credence.consent.rest.dto;

import dev.credence.consent.rest.validation.PlainText;
import jakarta.validation.constraints.Size;

@PlainText
public record ReasonBody(@Size(max = 500) String reason) {}
