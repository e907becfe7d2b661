package dev.credence.trainer;

/** Training cannot go on: the message says what is wrong and, where it helps, what to change. */
public class TrainingException extends RuntimeException {
  public TrainingException(String message) {
    super(message);
  }

  public TrainingException(String message, Throwable cause) {
    super(message, cause);
  }
}
