package dev.credence.consent.rest.validation;

import dev.credence.common.identity.IdentifierHasher;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** The same normalisation the hasher applies, checked before it is asked to hash. */
public class StatedIdentifierValidator implements ConstraintValidator<StatedIdentifier, String> {

  /** True when the identifier normalises to something (null and blank: not this rule's concern). */
  public static boolean isHashable(String identifier) {
    return identifier == null
        || identifier.isBlank()
        || !IdentifierHasher.normalise(identifier).isEmpty();
  }

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    return isHashable(value);
  }
}
