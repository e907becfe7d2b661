package dev.credence.scoring.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reproducibility key of a score: SHA-256 (hex) of the canonical JSON of model id, model
 * version and feature values. Canonical: keys sorted, no whitespace, numbers in plain decimal
 * without trailing zeros ({@code 45.0} → {@code 45}), missing values as {@code null}, strings with
 * minimal JSON escaping.
 */
public final class SnapshotHash {
  private SnapshotHash() {}

  public static String of(String modelId, String modelVersion, FeatureVector features) {
    return sha256Hex(canonicalJson(modelId, modelVersion, features));
  }

  public static String canonicalJson(String modelId, String modelVersion, FeatureVector features) {
    StringBuilder json = new StringBuilder("{\"features\":");
    writeObject(json, features.asMap());
    json.append(",\"modelId\":");
    writeString(json, modelId);
    json.append(",\"modelVersion\":");
    writeString(json, modelVersion);
    return json.append('}').toString();
  }

  /** Canonical JSON of a feature map (sorted keys), also used to store the snapshot. */
  public static String canonicalFeatures(FeatureVector features) {
    StringBuilder json = new StringBuilder();
    writeObject(json, features.asMap());
    return json.toString();
  }

  private static void writeObject(StringBuilder json, Map<String, Object> values) {
    json.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : new TreeMap<>(values).entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      writeString(json, e.getKey());
      json.append(':');
      Object v = e.getValue();
      if (v == null) {
        json.append("null");
      } else if (v instanceof Double d) {
        json.append(number(d));
      } else {
        writeString(json, v.toString());
      }
    }
    json.append('}');
  }

  static String number(double d) {
    if (d == 0) {
      return "0"; // also -0.0
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static void writeString(StringBuilder json, String s) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
