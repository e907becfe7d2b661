package dev.credence.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds fields that name a prohibited attribute anywhere in a JSON document: every object key at
 * every depth, inside arrays too, and the string value of fields that name another field in a
 * key/value pair ({@code {"key": "maritalStatus", "value": "…"}}).
 *
 * <p>A field name is normalised before matching: compatibility forms folded (NFKC: fullwidth
 * letters, ligatures), invisible format characters (Unicode Cf: soft hyphen, zero-width space)
 * removed, accents dropped, camelCase and acronyms split ({@code DNASample} → {@code dna sample}),
 * separators ({@code _ - . space}) turned into word breaks, lower-cased. It then matches a rule
 * when its words contain a rule's phrase, equal a rule's word (plurals included) or — for
 * run-together names — contain a rule's word or phrase of six letters or more. Legitimate credit
 * fields such as {@code accountStatus}, {@code paymentRating} or {@code dateOfFirstDelinquency}
 * match nothing (see the tests).
 */
public final class SensitiveAttributeScanner {
  private static final Pattern CAMEL_LOWER_UPPER = Pattern.compile("(\\p{Ll}|\\p{N})(\\p{Lu})");
  private static final Pattern CAMEL_ACRONYM = Pattern.compile("(\\p{Lu})(\\p{Lu}\\p{Ll})");
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern FORMAT_CHARACTERS = Pattern.compile("\\p{Cf}+");
  private static final int MIN_EMBEDDED_LENGTH = 6;

  /** Field names whose string value names another field (key/value pairs). */
  private static final Set<String> NAMING_FIELDS =
      Set.of(
          "key",
          "attribute",
          "attributename",
          "attributekey",
          "field",
          "fieldname",
          "property",
          "propertyname",
          "label");

  private record Term(ProhibitedAttributeRule rule, String[] words, String joined, boolean exact) {}

  private final List<Term> terms;

  /** Field names repeat across records of a bulk load: classify each distinct name once. */
  private final java.util.concurrent.ConcurrentHashMap<String, Optional<ProhibitedAttributeRule>>
      classified = new java.util.concurrent.ConcurrentHashMap<>();

  private final java.util.concurrent.ConcurrentHashMap<String, Boolean> namingFields =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int CACHE_LIMIT = 10_000;

  public SensitiveAttributeScanner() {
    List<Term> all = new ArrayList<>();
    for (ProhibitedAttributeRule rule : ProhibitedAttributeRule.values()) {
      for (String spec : rule.terms()) {
        boolean exact = spec.startsWith("=");
        String[] words = (exact ? spec.substring(1) : spec).split(" ");
        all.add(new Term(rule, words, String.join("", words), exact));
      }
    }
    // Longer phrases first: "sex life" is a sex-life rule before "sex" is a sex/gender one.
    all.sort(Comparator.comparingInt((Term t) -> -t.words().length));
    this.terms = List.copyOf(all);
  }

  /** Every violation in the document, with paths relative to it ({@code records[0].data.race}). */
  public List<AttributeViolation> scan(JsonNode document) {
    List<AttributeViolation> found = new ArrayList<>();
    walk(document, "", found);
    return found;
  }

  /** The rule a field name breaks, if any. */
  public Optional<ProhibitedAttributeRule> classify(String fieldName) {
    Optional<ProhibitedAttributeRule> known = classified.get(fieldName);
    if (known != null) {
      return known;
    }
    Optional<ProhibitedAttributeRule> rule = classifyUncached(fieldName);
    if (classified.size() < CACHE_LIMIT) {
      classified.put(fieldName, rule);
    }
    return rule;
  }

  private Optional<ProhibitedAttributeRule> classifyUncached(String fieldName) {
    String[] words = words(fieldName);
    if (words.length == 0) {
      return Optional.empty();
    }
    for (Term term : terms) {
      if (containsPhrase(words, term)) {
        return Optional.of(term.rule());
      }
    }
    for (Term term : terms) {
      if (term.exact() || term.joined().length() < MIN_EMBEDDED_LENGTH) {
        continue;
      }
      for (String word : words) {
        if (word.contains(term.joined())) {
          return Optional.of(term.rule());
        }
      }
    }
    return Optional.empty();
  }

  /** The normalised words of a field name: {@code "Marital-Status"} → {@code [marital, status]}. */
  static String[] words(String fieldName) {
    // NFKC folds compatibility forms (fullwidth "Ｇｅｎｄｅｒ", ligatures) to plain letters; format
    // characters (soft hyphen, zero-width space/joiners) are invisible, so they join rather than
    // break words; NFD then splits accents off so that they can be dropped.
    String folded =
        FORMAT_CHARACTERS
            .matcher(Normalizer.normalize(fieldName, Normalizer.Form.NFKC))
            .replaceAll("");
    String plain = MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
    String split = CAMEL_LOWER_UPPER.matcher(plain).replaceAll("$1 $2");
    split = CAMEL_ACRONYM.matcher(split).replaceAll("$1 $2");
    return Arrays.stream(SEPARATORS.split(split.toLowerCase(Locale.ROOT)))
        .filter(w -> !w.isEmpty())
        .toArray(String[]::new);
  }

  private static boolean containsPhrase(String[] words, Term term) {
    String[] phrase = term.words();
    for (int start = 0; start + phrase.length <= words.length; start++) {
      boolean match = true;
      for (int i = 0; i < phrase.length && match; i++) {
        boolean last = i == phrase.length - 1;
        match = last ? sameWord(words[start + i], phrase[i]) : words[start + i].equals(phrase[i]);
      }
      if (match) {
        return true;
      }
    }
    return false;
  }

  /** Equal, or the plural of the term ("races", "fingerprints", "sexes", "diagnoses"). */
  private static boolean sameWord(String word, String term) {
    return word.equals(term)
        || (word.length() == term.length() + 1 && word.endsWith("s") && word.startsWith(term))
        || (word.length() == term.length() + 2 && word.endsWith("es") && word.startsWith(term));
  }

  private void walk(JsonNode node, String path, List<AttributeViolation> found) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = field.getKey();
        String fieldPath = path.isEmpty() ? name : path + "." + name;
        Optional<ProhibitedAttributeRule> byName = classify(name);
        if (byName.isPresent()) {
          found.add(new AttributeViolation(fieldPath, byName.get()));
        } else if (field.getValue().isTextual() && namesAField(name)) {
          classify(field.getValue().textValue())
              .ifPresent(rule -> found.add(new AttributeViolation(fieldPath, rule)));
        }
        walk(field.getValue(), fieldPath, found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", found);
      }
    }
  }

  private boolean namesAField(String name) {
    Boolean known = namingFields.get(name);
    if (known == null) {
      known = NAMING_FIELDS.contains(String.join("", words(name)));
      if (namingFields.size() < CACHE_LIMIT) {
        namingFields.put(name, known);
      }
    }
    return known;
  }
}
