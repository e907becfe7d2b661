package dev.credence.ingestion.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One furnished record")
public record RecordSubmission(
    @Schema(
            description = "The furnisher's own id of this record; unique per furnisher",
            examples = "acct-0042-2026-11")
        @NotBlank
        @Size(max = 128)
        String furnisherRecordId,
    @Schema(description = "Data category, e.g. TRADELINE or PAYMENT", examples = "TRADELINE")
        @NotBlank
        @Size(max = 64)
        String category,
    @NotNull @Valid SubjectReference subject,
    @Schema(description = "The record itself; must match the category's schema (GET /v1/schemas)")
        @NotNull
        JsonNode data) {}
