package dev.credence.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.TreeMap;

/**
 * A SHA-256 of a record's meaning: category, subject and data in a canonical form (object keys
 * sorted, numbers without trailing zeros), so a replay with keys in another order or {@code 100.0}
 * for {@code 100} is still recognised as the same record.
 */
public final class ContentHash {
  private ContentHash() {}

  public static String of(String category, String subjectId, JsonNode data) {
    StringBuilder canonical = new StringBuilder();
    canonical.append(category).append('\n').append(subjectId).append('\n');
    write(data, canonical);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        sorted.put(name, node.get(name));
      }
      out.append('{');
      sorted.forEach(
          (name, value) -> {
            quote(name, out);
            out.append(':');
            write(value, out);
            out.append(',');
          });
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (JsonNode element : node) {
        write(element, out);
        out.append(',');
      }
      out.append(']');
    } else if (node.isNumber()) {
      out.append(node.decimalValue().stripTrailingZeros().toPlainString());
    } else if (node.isTextual()) {
      quote(node.textValue(), out);
    } else {
      out.append(node.asText());
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
  }
}
