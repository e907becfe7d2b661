package dev.credence.consent.rest.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a request record: none of its {@code String} components holds a C0 control character other
 * than tab, line feed and carriage return. PostgreSQL refuses U+0000 in text (SQLSTATE 22P05), so
 * without this a NUL in any field was a 500; now it is a 400 {@code validation-failed} naming the
 * field. One annotation per record covers every field, including fields added later.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {
  String message() default "must not contain control characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
