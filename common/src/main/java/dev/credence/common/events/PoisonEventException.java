package dev.credence.common.events;

/** An event that can never be processed (unparseable, unknown type or version): dead-letter it. */
public class PoisonEventException extends RuntimeException {
  public PoisonEventException(String message) {
    super(message);
  }

  public PoisonEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
