package dev.credence.bench.floor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * scoring's grouping policy (its {@code Grouping}), kept apart so that the probe measures none of
 * scoring's code: at most {@code maxInFlight} batches out; an item that arrives when fewer are out
 * is sent at once with every item waiting; otherwise the next answered batch sends what waited.
 */
final class Grouping<P> {
  private static final int MAX_BATCH = 500;
  private final Object lock = new Object();
  private final ArrayDeque<P> waiting = new ArrayDeque<>();
  private final int maxInFlight;
  private final Consumer<List<P>> send;
  private int inFlight;

  Grouping(int maxInFlight, Consumer<List<P>> send) {
    this.maxInFlight = maxInFlight;
    this.send = send;
  }

  void submit(P item) {
    List<P> batch = null;
    synchronized (lock) {
      waiting.add(item);
      if (inFlight < maxInFlight) {
        batch = take();
      }
    }
    if (batch != null) {
      send.accept(batch);
    }
  }

  /** Called once per batch sent, when it is answered. */
  void answered() {
    List<P> batch = null;
    synchronized (lock) {
      inFlight--;
      if (!waiting.isEmpty()) {
        batch = take();
      }
    }
    if (batch != null) {
      send.accept(batch);
    }
  }

  private List<P> take() {
    List<P> batch = new ArrayList<>(Math.min(waiting.size(), MAX_BATCH));
    while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(waiting.poll());
    }
    inFlight++;
    return batch;
  }
}
