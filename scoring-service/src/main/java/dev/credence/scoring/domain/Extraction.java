package dev.credence.scoring.domain;

import java.time.LocalDate;

/** The features of one subject as of a date, and the file summary the scoring criteria need. */
public record Extraction(LocalDate asOf, FeatureVector features, FileSummary summary) {}
