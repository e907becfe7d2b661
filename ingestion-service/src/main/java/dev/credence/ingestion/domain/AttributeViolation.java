package dev.credence.ingestion.domain;

/**
 * A field of a request that names (or, for key/value pairs, carries) a prohibited attribute.
 *
 * @param field the path of the field in the request, e.g. {@code records[0].data.maritalStatus}
 * @param rule the rule it breaks
 */
public record AttributeViolation(String field, ProhibitedAttributeRule rule) {
  public String law() {
    return rule.law();
  }
}
