package dev.credence.common.events;

/** {@code COLLECT}: a furnisher may report data; {@code DISCLOSE}: a lender may obtain a score. */
public enum ConsentDirection {
  COLLECT,
  DISCLOSE
}
