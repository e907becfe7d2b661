package dev.credence.scoring.rest.dto;

import dev.credence.common.events.Purpose;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/scores}: whom, why, and optionally under which consent. */
public record ScoreRequest(
    @NotNull @Valid SubjectRef subject,
    @Schema(example = "CREDIT_APPLICATION") @NotNull Purpose purpose,
    @Schema(
            description =
                "Use this consent; without it any usable consent of the subject for this lender and purpose")
        UUID consentId) {}
