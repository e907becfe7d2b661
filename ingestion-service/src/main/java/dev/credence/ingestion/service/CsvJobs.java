package dev.credence.ingestion.service;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.credence.common.events.DataCategory;
import dev.credence.common.messaging.Failures;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemTypes;
import dev.credence.ingestion.config.IngestionConfig;
import dev.credence.ingestion.domain.AttributeViolation;
import dev.credence.ingestion.domain.CategorySchemas;
import dev.credence.ingestion.domain.Outcome;
import dev.credence.ingestion.domain.ProhibitedAttributeRule;
import dev.credence.ingestion.domain.ReasonCode;
import dev.credence.ingestion.domain.SensitiveAttributeScanner;
import dev.credence.ingestion.service.RecordProcessor.Evaluated;
import dev.credence.ingestion.service.RecordProcessor.Item;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * CSV upload as an asynchronous job. The upload is copied to a temporary file (bounded), its header
 * checked at once (a column naming a prohibited attribute refuses the whole upload, 422), then a
 * single worker thread reads it row by row with Jackson CSV and feeds the same intake engine as the
 * other paths, in chunks, updating the job's counters after every chunk. Rejected rows are the
 * job's ingestion-report lines (batch id = job id), served as a CSV report.
 *
 * <p>Each replica runs its own jobs and holds them by a lease: every {@code
 * credence.ingestion.bulk.job-heartbeat} it renews {@code heartbeat_at} of the jobs it holds
 * (queued or running), and fails every RUNNING job whose heartbeat is older than {@code
 * credence.ingestion.bulk.job-lease}: its replica stopped or died, and the upload it kept is gone.
 * A starting replica does the same sweep and nothing more, so a rolling restart of one replica
 * leaves the others' jobs running.
 */
@ApplicationScoped
public class CsvJobs {
  private static final Logger LOG = Logger.getLogger(CsvJobs.class);

  /** Envelope columns; every other column is a field of the category's {@code data}. */
  static final Set<String> ENVELOPE =
      Set.of("furnisherRecordId", "category", "identifierType", "identifier");

  @Inject EntityManager em;
  @Inject RecordProcessor processor;
  @Inject ConsentStateGuard consentState;
  @Inject BulkLines lines;
  @Inject CategorySchemas schemas;
  @Inject SensitiveAttributeScanner scanner;
  @Inject IngestionConfig config;
  @Inject IngestionMetrics metrics;
  @Inject ObjectMapper mapper;
  @Inject Clock clock;

  private final CsvMapper csv = new CsvMapper();
  private ExecutorService worker;

  /** The jobs this replica holds (queued or running): their leases are renewed here. */
  private final Set<UUID> held = ConcurrentHashMap.newKeySet();

  static final String INTERRUPTED =
      "interrupted: the service instance running it stopped; upload the file again (replays are"
          + " safe: accepted rows come back DUPLICATE)";

  /** A job as its furnisher sees it. */
  public record Job(
      UUID jobId,
      String status,
      String category,
      long linesRead,
      long accepted,
      long superseded,
      long duplicate,
      long deleted,
      long rejected,
      Instant createdAt,
      Instant finishedAt,
      String error) {}

  void start(@Observes StartupEvent ignored) {
    if (config.bulk().jobHeartbeat().multipliedBy(3).compareTo(config.bulk().jobLease()) > 0) {
      // a replica that renews too rarely would see its own live jobs failed by the others
      throw new IllegalStateException(
          "credence.ingestion.bulk.job-heartbeat must be at most a third of job-lease");
    }
    worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "csv-jobs");
              t.setDaemon(true);
              return t;
            });
    // Jobs are not resumed after a restart (their uploads were temporary): a job whose replica is
    // gone is failed once its lease has run out, by whichever replica sweeps first.
    sweep();
  }

  /** Renews the leases of the jobs this replica holds, then fails the jobs nobody holds. */
  @Scheduled(
      every = "${credence.ingestion.bulk.job-heartbeat:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void heartbeat() {
    UUID[] mine = held.toArray(UUID[]::new);
    if (mine.length > 0) {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery(
                          "update record_job set heartbeat_at = ?2 where id = any(?1)"
                              + " and status = 'RUNNING'")
                      .setParameter(1, mine)
                      .setParameter(2, Timestamp.from(clock.instant()))
                      .executeUpdate());
    }
    sweep();
  }

  /** Fails every RUNNING job whose lease ran out; returns how many. */
  int sweep() {
    Instant now = clock.instant();
    int failed =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createNativeQuery(
                            "update record_job set status = 'FAILED', finished_at = ?1, error = ?2"
                                + " where status = 'RUNNING' and heartbeat_at < ?3")
                        .setParameter(1, Timestamp.from(now))
                        .setParameter(2, INTERRUPTED)
                        .setParameter(3, Timestamp.from(now.minus(config.bulk().jobLease())))
                        .executeUpdate());
    if (failed > 0) {
      LOG.warnf(
          "%d CSV job(s) failed as interrupted: no heartbeat for %s",
          failed, config.bulk().jobLease());
    }
    return failed;
  }

  /** Holds a job: its lease is renewed until {@link #release}. */
  void hold(UUID jobId) {
    held.add(jobId);
  }

  void release(UUID jobId) {
    held.remove(jobId);
  }

  void stop(@Observes ShutdownEvent ignored) {
    if (worker != null) {
      worker.shutdownNow();
      try {
        worker.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stores the upload, checks its header, queues the job; returns it (status RUNNING). */
  public Job submit(String furnisherId, String categoryParam, InputStream body) throws IOException {
    Optional<DataCategory> category = Optional.empty();
    if (categoryParam != null && !categoryParam.isBlank()) {
      category = RecordProcessor.category(categoryParam);
      if (category.isEmpty()) {
        throw new ProblemException(
            ProblemTypes.VALIDATION_FAILED, "category: not a Credence data category");
      }
    }
    Path directory =
        config.bulk().csvDirectory().orElse(Path.of(System.getProperty("java.io.tmpdir")));
    Files.createDirectories(directory);
    Path file = Files.createTempFile(directory, "credence-csv-", ".csv");
    try {
      copyBounded(body, file, config.bulk().maxCsvBytes());
      List<String> header = header(file);
      checkHeader(header, category.isPresent());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    UUID jobId = UUID.randomUUID();
    Instant now = clock.instant();
    String categoryName = category.map(Enum::name).orElse(null);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "insert into record_job (id, furnisher_id, category, status, created_at,"
                            + " heartbeat_at) values (?1, ?2, ?3, 'RUNNING', ?4, ?4)")
                    .setParameter(1, jobId)
                    .setParameter(2, furnisherId)
                    .setParameter(3, categoryName)
                    .setParameter(4, Timestamp.from(now))
                    .executeUpdate());
    hold(jobId);
    worker.submit(() -> run(jobId, furnisherId, categoryName, file));
    return find(furnisherId, jobId).orElseThrow();
  }

  /** The job, if this furnisher created it. */
  public Optional<Job> find(String furnisherId, UUID jobId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              @SuppressWarnings("unchecked")
              List<Object[]> rows =
                  em.createNativeQuery(
                          "select id, status, category, lines_read, accepted, superseded,"
                              + " duplicate, deleted, rejected, created_at, finished_at, error"
                              + " from record_job where id = ?1 and furnisher_id = ?2")
                      .setParameter(1, jobId)
                      .setParameter(2, furnisherId)
                      .getResultList();
              return rows.stream()
                  .findFirst()
                  .map(
                      r ->
                          new Job(
                              (UUID) r[0],
                              (String) r[1],
                              (String) r[2],
                              ((Number) r[3]).longValue(),
                              ((Number) r[4]).longValue(),
                              ((Number) r[5]).longValue(),
                              ((Number) r[6]).longValue(),
                              ((Number) r[7]).longValue(),
                              ((Number) r[8]).longValue(),
                              DisputeService.instant(r[9]),
                              r[10] == null ? null : DisputeService.instant(r[10]),
                              (String) r[11]));
            });
  }

  /** Writes the rejected rows as CSV (line, furnisherRecordId, reasonCode, message), in pages. */
  public void writeRejections(UUID jobId, OutputStream out) throws IOException {
    var writer =
        csv.writer(
                CsvSchema.builder()
                    .addColumn("line")
                    .addColumn("furnisherRecordId")
                    .addColumn("reasonCode")
                    .addColumn("message")
                    .setUseHeader(true)
                    .build())
            .writeValues(out);
    long after = 0;
    while (true) {
      long from = after;
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      em.createNativeQuery(
                              "select line_no, furnisher_record_id, reason_code, message"
                                  + " from ingestion_outcome where batch_id = ?1"
                                  + " and outcome = 'REJECTED' and line_no > ?2"
                                  + " order by line_no limit 5000")
                          .setParameter(1, jobId)
                          .setParameter(2, from)
                          .getResultList());
      for (Object[] row : rows) {
        writer.write(new Object[] {row[0], row[1], row[2], row[3]});
        after = ((Number) row[0]).longValue();
      }
      if (rows.size() < 5000) {
        break;
      }
    }
    writer.flush();
  }

  private void run(UUID jobId, String furnisherId, String categoryParam, Path file) {
    long[] counts = new long[Outcome.values().length];
    long row = 1; // the header is line 1
    ChunkBudget budget = new ChunkBudget(config.bulk().chunkSize(), config.bulk().chunkChars());
    List<Item> chunk = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        MappingIterator<List<String>> rows = rows(reader)) {
      // rows are read as lists, not maps, so that a row with more cells than the header is that
      // row's rejection rather than an exception that ends the job (Jackson: "Too many entries")
      List<String> header = rows.hasNextValue() ? columns(rows.nextValue()) : List.of();
      String unreadable = null;
      while (true) {
        List<String> cells;
        try {
          if (!rows.hasNextValue()) {
            break;
          }
          cells = rows.nextValue();
        } catch (IOException e) {
          // unbalanced quotes, bytes that are not UTF-8: the rest of the file cannot be read,
          // the rows read so far are still processed
          LOG.warnf(
              "CSV job %s stopped reading after row %d: %s", jobId, row, Failures.describe(e));
          unreadable = notCsv(row);
          break;
        }
        row++;
        int chars = 0;
        for (String cell : cells) {
          chars += cell == null ? 0 : cell.length();
        }
        chunk.add(item(row, header, cells, categoryParam));
        if (budget.add(chars)) {
          flush(jobId, furnisherId, chunk, counts, row - 1);
          budget.reset();
        }
      }
      flush(jobId, furnisherId, chunk, counts, row - 1);
      finish(jobId, unreadable == null ? "DONE" : "FAILED", unreadable);
    } catch (IOException e) {
      // the file could not be opened or its header read
      LOG.warnf("CSV job %s could not read its upload: %s", jobId, Failures.describe(e));
      finish(jobId, "FAILED", notCsv(row));
    } catch (RuntimeException e) {
      // the processing's, not the file's: the database gone, or a fault of the service
      LOG.warnf(
          "CSV job %s failed processing the rows up to %d: %s", jobId, row, Failures.describe(e));
      finish(
          jobId,
          "FAILED",
          "stopped after row "
              + row
              + ": processing failed (the service or its database was unavailable; the file is"
              + " not at fault); the rows counted in linesRead were processed, upload the file"
              + " again (replays are safe: accepted rows come back DUPLICATE)");
    } finally {
      release(jobId);
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warnf("Could not delete the upload of job %s", jobId);
      }
    }
  }

  private static String notCsv(long row) {
    return "stopped after row "
        + row
        + ": the file is not valid CSV (or could not be read) from there on; rows up to it were"
        + " processed";
  }

  private MappingIterator<List<String>> rows(Reader reader) throws IOException {
    return csv.readerForListOf(String.class)
        .with(CsvParser.Feature.WRAP_AS_ARRAY)
        .with(CsvParser.Feature.TRIM_SPACES)
        .readValues(reader);
  }

  /** The header's column names; a trailing comma adds no column (as Jackson CSV reads it). */
  static List<String> columns(List<String> cells) {
    return withoutTrailingEmptyCell(cells, cells.size() - 1);
  }

  /**
   * One row as an item: a row with more cells than the header has columns (beyond one empty
   * trailing cell, a trailing comma) is rejected as {@code MALFORMED_LINE}; a shorter one leaves
   * its last columns absent.
   */
  Item item(long row, List<String> header, List<String> cells, String categoryParam) {
    List<String> values = withoutTrailingEmptyCell(cells, header.size());
    if (values.size() > header.size()) {
      return Item.rejectedLine(
          row,
          null,
          ReasonCode.MALFORMED_LINE,
          "The row has "
              + values.size()
              + " cells but the header only "
              + header.size()
              + " columns");
    }
    Map<String, String> byColumn = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      byColumn.put(header.get(i), values.get(i));
    }
    return lines.item(row, envelope(byColumn, categoryParam));
  }

  /** The cells without the last one when it is empty and at index {@code trailing}. */
  private static List<String> withoutTrailingEmptyCell(List<String> cells, int trailing) {
    if (cells.size() == trailing + 1 && trailing >= 0) {
      String last = cells.get(trailing);
      if (last == null || last.isEmpty()) {
        return cells.subList(0, trailing);
      }
    }
    return cells;
  }

  private void flush(
      UUID jobId, String furnisherId, List<Item> chunk, long[] counts, long linesRead) {
    if (!chunk.isEmpty()) {
      if (RecordProcessor.anyConsentBound(chunk) && !consentState.awaitFresh()) {
        LOG.warnf(
            "CSV job %s: the consent state is still not fresh; this chunk's consent-bound records"
                + " are rejected as CONSENT_STATE_UNAVAILABLE",
            jobId);
      }
      for (Evaluated e : processor.process(jobId, furnisherId, chunk)) {
        counts[e.outcome().ordinal()]++;
        metrics.record(e.outcome(), e.reason());
      }
      chunk.clear();
    }
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "update record_job set lines_read = ?2, accepted = ?3, superseded = ?4,"
                            + " duplicate = ?5, rejected = ?6, deleted = ?7 where id = ?1")
                    .setParameter(1, jobId)
                    .setParameter(2, linesRead)
                    .setParameter(3, counts[Outcome.ACCEPTED.ordinal()])
                    .setParameter(4, counts[Outcome.SUPERSEDED.ordinal()])
                    .setParameter(5, counts[Outcome.DUPLICATE.ordinal()])
                    .setParameter(6, counts[Outcome.REJECTED.ordinal()])
                    .setParameter(7, counts[Outcome.DELETED.ordinal()])
                    .executeUpdate());
  }

  private void finish(UUID jobId, String status, String error) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "update record_job set status = ?2, error = ?3, finished_at = ?4"
                            + " where id = ?1")
                    .setParameter(1, jobId)
                    .setParameter(2, status)
                    .setParameter(3, error)
                    .setParameter(4, Timestamp.from(clock.instant()))
                    .executeUpdate());
  }

  /** A CSV row as a record envelope; cells typed by the category's schema, empty cells absent. */
  ObjectNode envelope(Map<String, String> values, String categoryParam) {
    ObjectNode node = mapper.createObjectNode();
    String categoryName =
        categoryParam != null ? categoryParam : blankToNull(values.get("category"));
    putIfPresent(node, "furnisherRecordId", values.get("furnisherRecordId"));
    putIfPresent(node, "category", categoryName);
    ObjectNode subject = node.putObject("subject");
    putIfPresent(subject, "identifierType", values.get("identifierType"));
    putIfPresent(subject, "identifier", values.get("identifier"));
    ObjectNode data = node.putObject("data");
    Optional<DataCategory> category = RecordProcessor.category(categoryName);
    values.forEach(
        (column, value) -> {
          if (ENVELOPE.contains(column) || value == null || value.isEmpty()) {
            return;
          }
          String type = category.flatMap(c -> schemas.fieldType(c, column)).orElse("string");
          switch (type) {
            case "number" -> {
              try {
                data.put(column, new BigDecimal(value));
              } catch (NumberFormatException e) {
                data.put(column, value);
              }
            }
            case "integer" -> {
              try {
                data.put(column, new BigInteger(value));
              } catch (NumberFormatException e) {
                data.put(column, value);
              }
            }
            case "boolean" -> {
              String lower = value.toLowerCase(Locale.ROOT);
              if (lower.equals("true") || lower.equals("false")) {
                data.put(column, Boolean.parseBoolean(lower));
              } else {
                data.put(column, value);
              }
            }
            default -> data.put(column, value);
          }
        });
    return node;
  }

  private List<String> header(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        MappingIterator<List<String>> rows =
            csv.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.TRIM_SPACES)
                .readValues(reader)) {
      if (!rows.hasNextValue()) {
        throw new ProblemException(
            ProblemTypes.VALIDATION_FAILED, "The CSV upload is empty: a header row is required");
      }
      return rows.nextValue();
    } catch (RuntimeException e) {
      if (e instanceof ProblemException) {
        throw e;
      }
      throw new ProblemException(
          ProblemTypes.MALFORMED_REQUEST, "The CSV header row could not be read");
    }
  }

  private void checkHeader(List<String> header, boolean categoryGiven) {
    List<Map<String, String>> violations = new ArrayList<>();
    for (String column : header) {
      Optional<ProhibitedAttributeRule> rule = scanner.classify(column);
      rule.ifPresent(
          r -> {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("field", column);
            v.put("rule", r.name());
            v.put("law", r.law());
            violations.add(v);
          });
    }
    if (!violations.isEmpty()) {
      metrics.refused("prohibited-attribute");
      AttributeViolation first =
          new AttributeViolation(
              violations.get(0).get("field"),
              ProhibitedAttributeRule.valueOf(violations.get(0).get("rule")));
      throw new ProblemException(
          IngestionProblems.PROHIBITED_ATTRIBUTE,
          "Column '"
              + first.field()
              + "' names a prohibited attribute ("
              + first.rule().attribute()
              + "; rule "
              + first.rule().name()
              + ", "
              + first.law()
              + "). Credence never accepts such data; nothing from this upload was stored.",
          Map.of("violations", violations));
    }
    List<String> missing = new ArrayList<>();
    for (String required : List.of("furnisherRecordId", "identifierType", "identifier")) {
      if (!header.contains(required)) {
        missing.add(required);
      }
    }
    if (!categoryGiven && !header.contains("category")) {
      missing.add("category (or the category query parameter)");
    }
    if (!missing.isEmpty()) {
      throw new ProblemException(
          ProblemTypes.VALIDATION_FAILED,
          "The CSV header lacks the column(s) " + String.join(", ", missing),
          Map.of(
              "errors",
              missing.stream()
                  .map(m -> Map.of("field", m, "message", "required column"))
                  .toList()));
    }
  }

  private static void copyBounded(InputStream in, Path file, long limit) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int read; (read = in.read(buffer)) != -1; ) {
        total += read;
        if (total > limit) {
          throw new ProblemException(
              IngestionProblems.UPLOAD_TOO_LARGE,
              "A CSV upload may be at most " + limit + " bytes; split the file",
              Map.of("limit", limit));
        }
        out.write(buffer, 0, read);
      }
    }
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
