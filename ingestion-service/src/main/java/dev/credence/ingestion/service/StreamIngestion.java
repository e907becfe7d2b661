package dev.credence.ingestion.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.messaging.Failures;
import dev.credence.ingestion.config.IngestionConfig;
import dev.credence.ingestion.domain.Outcome;
import dev.credence.ingestion.domain.ReasonCode;
import dev.credence.ingestion.service.RecordProcessor.Evaluated;
import dev.credence.ingestion.service.RecordProcessor.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The NDJSON streaming intake in constant memory: lines are read one by one from the request,
 * processed in chunks (one transaction each, see {@link RecordProcessor}), and each chunk's
 * outcomes are written back as NDJSON lines before the next chunk is read. A bad line is rejected
 * on its own; the stream goes on.
 */
@ApplicationScoped
public class StreamIngestion {
  private static final Logger LOG = Logger.getLogger(StreamIngestion.class);

  @Inject RecordProcessor processor;
  @Inject BulkLines lines;
  @Inject IngestionConfig config;
  @Inject IngestionMetrics metrics;
  @Inject ObjectMapper mapper;

  public void stream(String furnisherId, InputStream in, OutputStream out) throws IOException {
    UUID batchId = UUID.randomUUID();
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 65536);
    LineReader lineReader = new LineReader(reader, config.bulk().maxLineLength());
    ChunkBudget budget = new ChunkBudget(config.bulk().chunkSize(), config.bulk().chunkChars());
    List<Item> chunk = new ArrayList<>();
    Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    long lineNo = 0;
    try {
      for (String line; (line = lineReader.next()) != null; ) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        chunk.add(
            line == LineReader.TOO_LONG
                ? Item.rejectedLine(
                    lineNo,
                    null,
                    ReasonCode.MALFORMED_LINE,
                    "The line is longer than " + config.bulk().maxLineLength() + " characters")
                : lines.parse(lineNo, line));
        if (budget.add(line == LineReader.TOO_LONG ? 0 : line.length())) {
          flush(batchId, furnisherId, chunk, writer, counts);
          budget.reset();
        }
      }
      flush(batchId, furnisherId, chunk, writer, counts);
    } catch (RuntimeException e) {
      // class and SQLSTATE only: a driver's message can quote the record's values
      LOG.errorf(
          "Stream %s of %s stopped at line %d: %s",
          batchId, furnisherId, lineNo, Failures.describe(e));
      ObjectNode error = mapper.createObjectNode();
      error.put(
          "error",
          "processing stopped at line "
              + lineNo
              + "; lines after the last outcome"
              + " were not processed, send them again (replays are safe)");
      error.put("batchId", batchId.toString());
      writer.write(error.toString());
      writer.write('\n');
      writer.flush();
      return;
    }
    ObjectNode summary = mapper.createObjectNode();
    summary.put("batchId", batchId.toString());
    ObjectNode totals = summary.putObject("summary");
    totals.put("lines", lineNo);
    for (Outcome o : Outcome.values()) {
      totals.put(o.name().toLowerCase(java.util.Locale.ROOT), counts.getOrDefault(o, 0L));
    }
    writer.write(summary.toString());
    writer.write('\n');
    writer.flush();
    LOG.debugf("Stream %s of %s: %d lines", batchId, furnisherId, lineNo);
  }

  private void flush(
      UUID batchId, String furnisherId, List<Item> chunk, Writer writer, Map<Outcome, Long> counts)
      throws IOException {
    if (chunk.isEmpty()) {
      return;
    }
    List<Evaluated> results = processor.process(batchId, furnisherId, chunk);
    for (Evaluated e : results) {
      metrics.record(e.outcome(), e.reason());
      counts.merge(e.outcome(), 1L, Long::sum);
      writer.write(line(e));
      writer.write('\n');
    }
    writer.flush();
    chunk.clear();
  }

  /** One outcome line: {line, furnisherRecordId, outcome, recordId | reason, message}. */
  String line(Evaluated e) {
    ObjectNode node = mapper.createObjectNode();
    node.put("line", e.lineNo());
    node.put("furnisherRecordId", e.furnisherRecordId());
    node.put("outcome", e.outcome().name());
    if (e.recordId() != null) {
      node.put("recordId", e.recordId().toString());
    }
    if (e.supersedes() != null) {
      node.put("supersedes", e.supersedes().toString());
    }
    if (e.reason() != null) {
      node.put("reason", e.reason().name());
      node.put("message", e.message());
      if (e.fields() != null) {
        e.fields().forEach(node.putArray("fields")::add);
      }
    }
    return node.toString();
  }

  /**
   * Reads lines of bounded length; an over-long line is skipped and reported as {@link #TOO_LONG}.
   */
  static final class LineReader {
    static final String TOO_LONG = new String("\u0000too-long");
    private final Reader reader;
    private final int max;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;

    LineReader(Reader reader, int max) {
      this.reader = reader;
      this.max = max;
    }

    String next() throws IOException {
      StringBuilder line = new StringBuilder();
      boolean tooLong = false;
      boolean any = false;
      while (true) {
        if (position >= limit) {
          limit = reader.read(buffer, 0, buffer.length);
          position = 0;
          if (limit <= 0) {
            limit = 0;
            return any ? (tooLong ? TOO_LONG : strip(line)) : null;
          }
        }
        any = true;
        int start = position;
        while (position < limit && buffer[position] != '\n') {
          position++;
        }
        if (!tooLong) {
          line.append(buffer, start, position - start);
          if (line.length() > max) {
            tooLong = true;
            line.setLength(0);
          }
        }
        if (position < limit) {
          position++; // the newline
          return tooLong ? TOO_LONG : strip(line);
        }
      }
    }

    private static String strip(StringBuilder line) {
      int end = line.length();
      if (end > 0 && line.charAt(end - 1) == '\r') {
        end--;
      }
      return line.substring(0, end);
    }
  }
}
