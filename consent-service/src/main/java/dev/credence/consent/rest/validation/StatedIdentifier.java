package dev.credence.consent.rest.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An identifier (national id, registration number, …) that still has something to hash once
 * normalised ({@code IdentifierHasher.normalise}: spaces, dots, dashes and slashes dropped). {@code
 * "----"} is refused as 400 {@code validation-failed} naming the field (it was a 500); ingestion
 * rejects the same records as {@code INVALID_IDENTIFIER}. Null and blank values are left to
 * {@code @NotBlank} and to the endpoint (a blank national id means none).
 */
@Documented
@Constraint(validatedBy = StatedIdentifierValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface StatedIdentifier {
  String message() default
      "must contain a letter or digit once spaces, dots, dashes and slashes are dropped";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
