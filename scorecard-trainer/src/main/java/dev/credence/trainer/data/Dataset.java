package dev.credence.trainer.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.credence.trainer.TrainingException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A labelled table read from CSV with a header row: every column as raw strings ({@code null} =
 * missing) and the target as {@code bad[i]} (true = bad, the event the model predicts).
 */
public final class Dataset {
  private final Map<String, String[]> columns;
  private final boolean[] bad;

  public Dataset(Map<String, String[]> columns, boolean[] bad) {
    this.columns = columns;
    this.bad = bad;
    for (var e : columns.entrySet()) {
      if (e.getValue().length != bad.length) {
        throw new IllegalArgumentException("column " + e.getKey() + " has the wrong length");
      }
    }
  }

  /**
   * Reads {@code file}; the target column must hold only the good or the bad value. Cells equal to
   * one of {@code missingTokens} (after trimming) are missing.
   */
  public static Dataset read(
      Path file, String targetColumn, String good, String bad, Set<String> missingTokens) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString(), targetColumn, good, bad, missingTokens);
    } catch (IOException e) {
      throw new TrainingException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static Dataset read(
      Reader reader,
      String source,
      String targetColumn,
      String good,
      String bad,
      Set<String> missingTokens)
      throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<String> header = null;
    List<String[]> rows = new ArrayList<>();
    try (MappingIterator<String[]> it =
        mapper.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(reader)) {
      while (it.hasNext()) {
        String[] row = it.next();
        if (header == null) {
          header = List.of(row).stream().map(String::trim).toList();
          continue;
        }
        if (row.length == 1 && row[0].isBlank()) {
          continue;
        }
        if (row.length != header.size()) {
          throw new TrainingException(
              source
                  + ": line "
                  + (rows.size() + 2)
                  + " has "
                  + row.length
                  + " cells, the header has "
                  + header.size());
        }
        rows.add(row);
      }
    }
    if (header == null || rows.isEmpty()) {
      throw new TrainingException(source + ": no data rows");
    }
    int target = header.indexOf(targetColumn);
    if (target < 0 && bad == null) {
      target = -1; // unlabelled sample (stability): every row counts as good
    } else if (target < 0) {
      throw new TrainingException(
          source + ": target column '" + targetColumn + "' not found; columns are " + header);
    }
    Map<String, String[]> columns = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      if (c == target) {
        continue;
      }
      String[] values = new String[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        String v = rows.get(r)[c].trim();
        values[r] = missingTokens.contains(v) ? null : v;
      }
      columns.put(header.get(c), values);
    }
    boolean[] isBad = new boolean[rows.size()];
    for (int r = 0; r < rows.size() && target >= 0; r++) {
      String v = rows.get(r)[target].trim();
      if (bad == null) {
        continue;
      }
      if (v.equals(bad)) {
        isBad[r] = true;
      } else if (!v.equals(good)) {
        throw new TrainingException(
            source
                + ": line "
                + (r + 2)
                + ": target '"
                + targetColumn
                + "' is '"
                + v
                + "', expected '"
                + good
                + "' (good) or '"
                + bad
                + "' (bad)");
      }
    }
    return new Dataset(columns, isBad);
  }

  /** Reads a sample that may lack the target column (for stability, which needs no outcome). */
  public static Dataset readSample(Path file, String targetColumn, Set<String> missingTokens) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString(), targetColumn, null, null, missingTokens);
    } catch (IOException e) {
      throw new TrainingException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public int size() {
    return bad.length;
  }

  public List<String> columnNames() {
    return List.copyOf(columns.keySet());
  }

  public boolean has(String column) {
    return columns.containsKey(column);
  }

  public String[] column(String name) {
    String[] c = columns.get(name);
    if (c == null) {
      throw new TrainingException("column '" + name + "' not found; columns are " + columnNames());
    }
    return c;
  }

  public boolean isBad(int row) {
    return bad[row];
  }

  public boolean[] bad() {
    return bad.clone();
  }

  public int bads() {
    int n = 0;
    for (boolean b : bad) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** The rows at {@code indices}, in that order. */
  public Dataset subset(int[] indices) {
    Map<String, String[]> sub = new LinkedHashMap<>();
    for (var e : columns.entrySet()) {
      String[] v = new String[indices.length];
      for (int i = 0; i < indices.length; i++) {
        v[i] = e.getValue()[indices[i]];
      }
      sub.put(e.getKey(), v);
    }
    boolean[] b = new boolean[indices.length];
    for (int i = 0; i < indices.length; i++) {
      b[i] = bad[indices[i]];
    }
    return new Dataset(sub, b);
  }

  /** True when every non-missing value of the column parses as a number. */
  public boolean looksNumeric(String name) {
    boolean any = false;
    for (String v : column(name)) {
      if (v == null) {
        continue;
      }
      if (parse(v) == null) {
        return false;
      }
      any = true;
    }
    return any;
  }

  public static Double parse(String v) {
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
