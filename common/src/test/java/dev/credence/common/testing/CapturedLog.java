package dev.credence.common.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * For the services' tests (shared through this module's test jar): every log record of the service
 * while it is {@link #start started}, each with its parameters and whole cause chain, so a test can
 * assert that a personal value it sent reached no log line.
 */
public final class CapturedLog extends Handler {
  private final List<String> lines = new ArrayList<>();

  /** Captures from the root logger until {@link #stop}. */
  public CapturedLog start() {
    Logger.getLogger("").addHandler(this);
    return this;
  }

  public void stop() {
    Logger.getLogger("").removeHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord r) {
    StringBuilder line = new StringBuilder(r.getLoggerName() + " " + r.getMessage());
    if (r.getParameters() != null) {
      for (Object p : r.getParameters()) {
        line.append(' ').append(p);
      }
    }
    for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
      line.append(" | ").append(t);
    }
    lines.add(line.toString());
  }

  /** The captured lines that contain {@code text}. */
  public synchronized List<String> mentioning(String text) {
    return lines.stream().filter(l -> l.contains(text)).toList();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
