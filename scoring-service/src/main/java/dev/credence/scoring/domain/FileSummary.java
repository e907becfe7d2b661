package dev.credence.scoring.domain;

import java.time.LocalDate;

/**
 * What the minimum scoring criteria look at: how many tradelines the file has as of the scoring
 * date and when the latest of them was reported ({@code null} when there is none).
 */
public record FileSummary(int tradelines, LocalDate latestTradelineReportedOn) {}
