package dev.credence.ingestion.domain;

import dev.credence.common.events.DataCategory;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which categories each furnisher (OAuth client id) is registered to report. Holding the {@code
 * furnisher} role is not enough: a utility may report {@code ALT_PAYMENT}, not {@code TRADELINE}.
 */
public final class FurnisherRegistry {
  private final Map<String, Set<DataCategory>> categories;

  private FurnisherRegistry(Map<String, Set<DataCategory>> categories) {
    this.categories = Map.copyOf(categories);
  }

  /**
   * Parses {@code client:CATEGORY,CATEGORY;client2:CATEGORY}. An unknown category is a
   * configuration error and fails fast.
   */
  public static FurnisherRegistry parse(String spec) {
    Map<String, Set<DataCategory>> map = new HashMap<>();
    if (spec != null) {
      for (String entry : spec.split(";")) {
        if (entry.isBlank()) {
          continue;
        }
        int colon = entry.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException(
              "Furnisher registry entry must be client:CATEGORY[,CATEGORY]: " + entry.strip());
        }
        Set<DataCategory> set = EnumSet.noneOf(DataCategory.class);
        for (String category : entry.substring(colon + 1).split(",")) {
          if (!category.isBlank()) {
            set.add(DataCategory.valueOf(category.strip().toUpperCase(Locale.ROOT)));
          }
        }
        map.merge(
            entry.substring(0, colon).strip(),
            set,
            (a, b) -> {
              a.addAll(b);
              return a;
            });
      }
    }
    return new FurnisherRegistry(map);
  }

  public boolean mayReport(String furnisherId, DataCategory category) {
    return categories.getOrDefault(furnisherId, Set.of()).contains(category);
  }
}
