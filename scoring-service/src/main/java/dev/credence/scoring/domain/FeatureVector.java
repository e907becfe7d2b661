package dev.credence.scoring.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A subject's feature values by name. A value is a {@link Double} (numeric feature), a {@link
 * String} (categorical feature) or {@code null} (missing: no evidence, scored by the missing bin).
 */
public final class FeatureVector {
  private final Map<String, Object> values;

  private FeatureVector(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static FeatureVector of(Map<String, ?> values) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          if (value != null && !(value instanceof Double) && !(value instanceof String)) {
            throw new IllegalArgumentException(
                "Feature " + name + " must be a Double, a String or null");
          }
          if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw new IllegalArgumentException("Feature " + name + " is not a finite number");
          }
          copy.put(name, value);
        });
    return new FeatureVector(copy);
  }

  /** The value, or {@code null} when the feature is missing or absent. */
  public Object value(String name) {
    return values.get(name);
  }

  public boolean isMissing(String name) {
    return values.get(name) == null;
  }

  public Set<String> names() {
    return values.keySet();
  }

  /** Name to value (null when missing), in insertion order. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** Only the named features (in this vector's order), e.g. those a model uses. */
  public FeatureVector restrictTo(java.util.Collection<String> names) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          if (names.contains(name)) {
            copy.put(name, value);
          }
        });
    return new FeatureVector(copy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureVector other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "FeatureVector" + values;
  }
}
