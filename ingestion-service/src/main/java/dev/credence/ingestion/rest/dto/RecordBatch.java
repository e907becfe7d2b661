package dev.credence.ingestion.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    description = "A batch of furnished records (at most credence.ingestion.max-batch-size, 1000)")
public record RecordBatch(@NotEmpty List<@NotNull @Valid RecordSubmission> records) {}
