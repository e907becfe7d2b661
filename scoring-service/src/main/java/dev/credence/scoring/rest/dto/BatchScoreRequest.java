package dev.credence.scoring.rest.dto;

import dev.credence.common.events.Purpose;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/scores:batch}: account review of up to the documented limit of subjects. */
public record BatchScoreRequest(
    @Schema(description = "ACCOUNT_REVIEW (the default) is the only batch purpose") Purpose purpose,
    @NotEmpty List<@NotNull @Valid BatchItem> items) {}
