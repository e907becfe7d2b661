package dev.credence.ingestion.domain;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.credence.common.events.DataCategory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The published, closed JSON Schemas (draft 2020-12) of the data categories, one current version
 * per category, validated with networknt json-schema-validator (format assertions on, so {@code
 * "format": "date"} is enforced). Schemas live in {@code src/main/resources/schemas/} as {@code
 * <category>.v<version>.schema.json}.
 */
public final class CategorySchemas {
  /** The categories with a published schema and their current version. */
  private static final Map<DataCategory, Integer> PUBLISHED =
      Map.of(
          DataCategory.TRADELINE, 1,
          DataCategory.PAYMENT, 1,
          DataCategory.PUBLIC_RECORD, 1,
          DataCategory.ALT_PAYMENT, 1,
          DataCategory.INCOME, 1,
          DataCategory.TAX_COMPLIANCE, 1,
          DataCategory.REGULATORY_PENALTY, 1,
          DataCategory.COURT_JUDGMENT, 1,
          DataCategory.TRADE_PAYMENT, 1);

  /** A published schema. */
  public record CategorySchema(DataCategory category, int version, String json) {
    public String resourceName() {
      return resourceName(category, version);
    }

    static String resourceName(DataCategory category, int version) {
      return "schemas/"
          + category.name().toLowerCase(Locale.ROOT)
          + ".v"
          + version
          + ".schema.json";
    }
  }

  /**
   * One failed assertion: where (a JSON pointer into the record's {@code data}) and what, never the
   * offending value.
   */
  public record SchemaViolation(String pointer, String keyword, String message) {
    @Override
    public String toString() {
      return (pointer.isEmpty() ? "/" : pointer) + " " + message;
    }
  }

  private record Loaded(CategorySchema published, Schema schema, Map<String, String> types) {}

  private final Map<DataCategory, Loaded> schemas;

  private CategorySchemas(Map<DataCategory, Loaded> schemas) {
    this.schemas = schemas;
  }

  /** Loads and compiles every published schema from the class path; fails fast when one is bad. */
  public static CategorySchemas load() {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .pathType(PathType.JSON_POINTER)
                        .build()));
    Map<DataCategory, Loaded> loaded = new EnumMap<>(DataCategory.class);
    PUBLISHED.forEach(
        (category, version) -> {
          String json = read(CategorySchema.resourceName(category, version));
          Schema schema = registry.getSchema(json, InputFormat.JSON);
          schema.initializeValidators();
          loaded.put(
              category,
              new Loaded(new CategorySchema(category, version, json), schema, types(json)));
        });
    return new CategorySchemas(loaded);
  }

  /** The current schema of a category, if one is published. */
  public Optional<CategorySchema> current(DataCategory category) {
    return Optional.ofNullable(schemas.get(category)).map(Loaded::published);
  }

  /**
   * The JSON type ({@code string}, {@code number}, {@code integer}, {@code boolean}) of a field of
   * the category's current schema, for turning CSV cells into typed values; empty for an unknown
   * field.
   */
  public Optional<String> fieldType(DataCategory category, String field) {
    return Optional.ofNullable(schemas.get(category)).map(l -> l.types().get(field));
  }

  private static Map<String, String> types(String json) {
    try {
      com.fasterxml.jackson.databind.JsonNode properties =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("properties");
      Map<String, String> types = new java.util.HashMap<>();
      properties
          .fields()
          .forEachRemaining(e -> types.put(e.getKey(), e.getValue().path("type").asText("string")));
      return Map.copyOf(types);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every published schema, in category order. */
  public List<CategorySchema> all() {
    Collection<Loaded> values = schemas.values();
    return values.stream()
        .map(Loaded::published)
        .sorted(Comparator.comparing(CategorySchema::category))
        .toList();
  }

  /**
   * Validates a record's {@code data} (JSON text) against the category's current schema; an empty
   * list means valid.
   *
   * @throws IllegalArgumentException when the category has no published schema
   */
  public List<SchemaViolation> validate(DataCategory category, String dataJson) {
    Loaded loaded = schemas.get(category);
    if (loaded == null) {
      throw new IllegalArgumentException("No schema published for " + category);
    }
    List<SchemaViolation> violations = new ArrayList<>();
    for (Error error : loaded.schema().validate(dataJson, InputFormat.JSON)) {
      violations.add(describe(error));
    }
    violations.sort(Comparator.comparing(SchemaViolation::pointer));
    return violations;
  }

  private static SchemaViolation describe(Error error) {
    String keyword = error.getKeyword() == null ? "schema" : error.getKeyword();
    String pointer =
        error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    if (error.getProperty() != null
        && ("required".equals(keyword) || "additionalProperties".equals(keyword))) {
      pointer = pointer + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
    }
    String message =
        switch (keyword) {
          case "required" -> "is required";
          case "additionalProperties" -> "is not allowed (the schema is closed)";
          case "enum", "const" -> "is not one of the allowed values";
          case "pattern" -> "does not match the required pattern";
          case "format" -> "is not a valid " + format(error);
          case "type" -> "has the wrong type";
          case "minimum", "exclusiveMinimum" -> "is below the minimum";
          case "maximum", "exclusiveMaximum" -> "is above the maximum";
          case "minLength" -> "is too short";
          case "anyOf", "oneOf" -> "matches none of the allowed forms";
          case "maxLength" -> "is too long";
          default -> "violates '" + keyword + "'";
        };
    return new SchemaViolation(pointer, keyword, message);
  }

  private static String format(Error error) {
    return error.getSchemaNode() != null && error.getSchemaNode().isString()
        ? error.getSchemaNode().asString()
        : "value for its format";
  }

  private static String read(String resource) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = CategorySchemas.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Schema resource missing: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
