package dev.credence.ingestion.service;

/**
 * When a chunk of streamed or uploaded records is full: at {@code maxRecords} records, or once the
 * lines it holds reach {@code maxChars} characters, whichever comes first. The count keeps the
 * transactions large enough to be cheap per record; the characters keep a chunk's memory bounded
 * whatever the lines' length (a chunk of the largest lines allowed would otherwise hold {@code
 * maxRecords} × {@code credence.ingestion.bulk.max-line-length} characters, and their parsed
 * trees).
 */
final class ChunkBudget {
  private final int maxRecords;
  private final long maxChars;
  private int records;
  private long chars;

  ChunkBudget(int maxRecords, long maxChars) {
    if (maxRecords < 1 || maxChars < 1) {
      throw new IllegalArgumentException("a chunk holds at least one record and one character");
    }
    this.maxRecords = maxRecords;
    this.maxChars = maxChars;
  }

  /** Counts one record of {@code lineChars} characters; true when the chunk is now full. */
  boolean add(int lineChars) {
    records++;
    chars += Math.max(0, lineChars);
    return records >= maxRecords || chars >= maxChars;
  }

  /** After the chunk was processed. */
  void reset() {
    records = 0;
    chars = 0;
  }
}
