package dev.credence.consent.rest.validation;

import dev.credence.common.problem.FreeText;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.lang.reflect.RecordComponent;

/** Checks every {@code String} component of a record; each offending one is its own violation. */
public class PlainTextValidator implements ConstraintValidator<PlainText, Record> {

  /** True when {@code s} has no C0 control character but tab, line feed and carriage return. */
  public static boolean isPlain(String s) {
    return FreeText.isPlain(s);
  }

  @Override
  public boolean isValid(Record value, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    boolean valid = true;
    for (RecordComponent component : value.getClass().getRecordComponents()) {
      if (component.getType() != String.class || isPlain(read(component, value))) {
        continue;
      }
      if (valid) {
        context.disableDefaultConstraintViolation();
        valid = false;
      }
      // the message names the rule, never the value
      context
          .buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
          .addPropertyNode(component.getName())
          .addConstraintViolation();
    }
    return valid;
  }

  private static String read(RecordComponent component, Record value) {
    try {
      return (String) component.getAccessor().invoke(value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read " + component.getName(), e);
    }
  }
}
