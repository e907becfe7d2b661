package dev.credence.scoring.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One subject of a batch; {@code reference} is the lender's own label, echoed back. */
public record BatchItem(
    @Schema(example = "acct-0042") @Size(max = 100) String reference,
    @NotNull @Valid SubjectRef subject,
    UUID consentId) {}
