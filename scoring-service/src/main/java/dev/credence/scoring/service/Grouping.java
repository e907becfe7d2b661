package dev.credence.scoring.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The grouping policy of the score path's database work, shared by the group commit ({@link
 * ReleaseWriter}) and the grouped reads ({@link GroupedReads}): at most {@code maxInFlight} batches
 * are out at once; an item submitted when fewer are out is sent at once, <b>on the submitting
 * thread, together with every item waiting at that moment</b> (at most {@code maxBatch}); otherwise
 * it waits, and when a batch is answered the next batch takes everything that waited. There is no
 * timer: a lone item goes at once, and under load each batch carries what arrived while the others
 * were out. No framework types; the caller says how a batch is sent and tells when it is answered.
 */
final class Grouping<P> {
  private final Object lock = new Object();
  private final ArrayDeque<P> waiting = new ArrayDeque<>();
  private final int maxInFlight;
  private final int maxBatch;
  private final int capacity;
  private final Consumer<List<P>> send;
  private int inFlight; // guarded by lock

  /**
   * @param send sends a batch without blocking; whatever happens to it, the caller must call {@link
   *     #answered()} exactly once afterwards
   */
  Grouping(int maxInFlight, int maxBatch, int capacity, Consumer<List<P>> send) {
    if (maxInFlight < 1 || maxBatch < 1 || capacity < 1) {
      throw new IllegalArgumentException(
          "batches in flight, batch size and capacity must each be at least 1");
    }
    this.maxInFlight = maxInFlight;
    this.maxBatch = maxBatch;
    this.capacity = capacity;
    this.send = send;
  }

  /**
   * Queues the item, and sends a batch of every waiting item when fewer than {@code maxInFlight}
   * are out. Returns false, queueing nothing, when {@code capacity} items already wait.
   */
  boolean submit(P item) {
    List<P> batch;
    synchronized (lock) {
      if (waiting.size() >= capacity) {
        return false;
      }
      waiting.add(item);
      batch = inFlight < maxInFlight ? take() : null;
    }
    if (batch != null) {
      send.accept(batch);
    }
    return true;
  }

  /** A batch sent earlier was answered: the next batch takes everything that waited meanwhile. */
  void answered() {
    List<P> next;
    synchronized (lock) {
      inFlight--;
      next = waiting.isEmpty() ? null : take();
    }
    if (next != null) {
      send.accept(next);
    }
  }

  /** Nothing waits and nothing is out. */
  boolean idle() {
    synchronized (lock) {
      return inFlight == 0 && waiting.isEmpty();
    }
  }

  /** Up to maxBatch waiting items, counted as one batch out (holding the lock). */
  private List<P> take() {
    List<P> batch = new ArrayList<>(Math.min(waiting.size(), maxBatch));
    while (!waiting.isEmpty() && batch.size() < maxBatch) {
      batch.add(waiting.poll());
    }
    inFlight++;
    return batch;
  }
}
