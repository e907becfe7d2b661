package dev.credence.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.common.problem.FreeText;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Finds C0 control characters (U+0000–U+001F) in a furnished record, which intake refuses per
 * record: PostgreSQL cannot store U+0000 in {@code text} or {@code jsonb} at all, and the others
 * have no place in an identifier. Free text in {@code data} may hold a tab, line feed or carriage
 * return; field names and envelope values (furnisherRecordId, category, identifier) may hold none.
 * A finding names where, never the value.
 */
public final class ControlCharacters {
  /** What the refusal says about the characters. */
  public static final String REFUSED = "a control character (U+0000–U+001F), which is refused";

  /**
   * Where a refused character was found in {@code data}: a JSON pointer, and whether it is in a
   * field's name (the pointer then names the object holding that field) rather than its value.
   */
  public record Found(String pointer, boolean inName) {
    /** For a message: "/remarks" or "a field name in /". */
    public String where() {
      String at = pointer.isEmpty() ? "/" : pointer;
      return inName ? "a field name in " + at : at;
    }
  }

  private ControlCharacters() {}

  /** Whether the string holds any C0 control character; false for null. */
  public static boolean any(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < 0x20) {
        return true;
      }
    }
    return false;
  }

  /** Whether free text holds a C0 control character other than tab, line feed, carriage return. */
  public static boolean anyInText(String s) {
    return !FreeText.isPlain(s);
  }

  /** The first refused character in a record's {@code data}, depth first in document order. */
  public static Optional<Found> inData(JsonNode data) {
    return data == null ? Optional.empty() : Optional.ofNullable(find(data, ""));
  }

  /**
   * The first envelope field of a raw record (everything but {@code data}) whose name or string
   * value holds any control character, as a dotted path ({@code subject.identifier}), or "a field
   * name" when a name holds one.
   */
  public static Optional<String> inEnvelope(JsonNode record) {
    if (record == null || !record.isObject()) {
      return Optional.empty();
    }
    return Optional.ofNullable(envelope(record, ""));
  }

  private static String envelope(JsonNode node, String path) {
    if (node.isTextual()) {
      return any(node.textValue()) ? (path.isEmpty() ? "a value" : path) : null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = envelope(node.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (any(field.getKey())) {
          return "a field name" + (path.isEmpty() ? "" : " in " + path);
        }
        if (path.isEmpty() && "data".equals(field.getKey())) {
          continue; // free text: see inData
        }
        String found =
            envelope(
                field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static Found find(JsonNode node, String pointer) {
    if (node.isTextual()) {
      return anyInText(node.textValue()) ? new Found(pointer, false) : null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Found found = find(node.get(i), pointer + "/" + i);
        if (found != null) {
          return found;
        }
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (any(field.getKey())) {
          return new Found(pointer, true);
        }
        Found found =
            find(
                field.getValue(),
                pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
