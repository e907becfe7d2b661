package dev.credence.scoring.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The starter model as shipped, and its JSON tree for tests that break it on purpose. */
final class TestModels {
  static final ObjectMapper JSON = new ObjectMapper();

  private TestModels() {}

  static ObjectNode starterJson() {
    try (InputStream in =
        TestModels.class.getClassLoader().getResourceAsStream("models/person-starter-v1.json")) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Scorecard starter() {
    return read(starterJson());
  }

  /** The default person model as shipped: person-synthetic-v2. */
  static Scorecard synthetic() {
    return shipped("person-synthetic-v2");
  }

  /** A shipped model file ({@code models/<key>.json}) as the service reads it, under its key. */
  static Scorecard shipped(String key) {
    return new ScorecardReader(FeatureCatalog.names())
        .read(
            key,
            new ByteArrayInputStream(shippedJson(key).toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** The JSON tree of a shipped model file. */
  static ObjectNode shippedJson(String key) {
    try (InputStream in =
        TestModels.class.getClassLoader().getResourceAsStream("models/" + key + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no models/" + key + ".json");
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Scorecard read(ObjectNode json) {
    return new ScorecardReader(FeatureCatalog.names())
        .read(
            "test-model",
            new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** The JSON node of the named feature. */
  static ObjectNode feature(ObjectNode model, String name) {
    for (var f : model.withArray("features")) {
      if (name.equals(f.get("name").asText())) {
        return (ObjectNode) f;
      }
    }
    throw new IllegalArgumentException(name);
  }
}
