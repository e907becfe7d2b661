package dev.credence.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The grouping policy the group commit and the grouped reads share, without a database. */
class GroupingTest {

  /** Records each batch sent; the test answers them when it likes. */
  private static final class Sent {
    final List<List<Integer>> batches = new ArrayList<>();

    synchronized void add(List<Integer> batch) {
      batches.add(List.copyOf(batch));
    }

    synchronized List<List<Integer>> all() {
      return List.copyOf(batches);
    }
  }

  @Test
  void aLoneItemIsSentAtOnceOnTheSubmittingThread() {
    Sent sent = new Sent();
    Grouping<Integer> grouping = new Grouping<>(2, 10, 100, sent::add);

    assertTrue(grouping.submit(1));

    assertEquals(List.of(List.of(1)), sent.all());
    assertFalse(grouping.idle());
    grouping.answered();
    assertTrue(grouping.idle());
  }

  @Test
  void whileTheLimitIsOutItemsWaitAndTheNextBatchTakesThemAll() {
    Sent sent = new Sent();
    Grouping<Integer> grouping = new Grouping<>(2, 10, 100, sent::add);
    grouping.submit(1);
    grouping.submit(2); // the second batch out
    for (int i = 3; i <= 7; i++) {
      grouping.submit(i); // both out: these wait
    }
    assertEquals(List.of(List.of(1), List.of(2)), sent.all());

    grouping.answered(); // batch 1 answered: everything that waited goes in one batch

    assertEquals(List.of(List.of(1), List.of(2), List.of(3, 4, 5, 6, 7)), sent.all());
    grouping.answered();
    grouping.answered();
    assertTrue(grouping.idle());
    assertEquals(3, sent.all().size(), "nothing waited, so nothing more was sent");
  }

  @Test
  void aBatchCarriesAtMostMaxBatchAndTheRestGoesNext() {
    Sent sent = new Sent();
    Grouping<Integer> grouping = new Grouping<>(1, 3, 100, sent::add);
    for (int i = 1; i <= 8; i++) {
      grouping.submit(i);
    }
    grouping.answered();
    grouping.answered();
    grouping.answered();

    assertEquals(List.of(List.of(1), List.of(2, 3, 4), List.of(5, 6, 7), List.of(8)), sent.all());
    grouping.answered();
    assertTrue(grouping.idle());
  }

  @Test
  void aFullQueueRefusesWithoutQueueing() {
    Sent sent = new Sent();
    Grouping<Integer> grouping = new Grouping<>(1, 10, 2, sent::add);
    assertTrue(grouping.submit(1)); // out
    assertTrue(grouping.submit(2));
    assertTrue(grouping.submit(3));

    assertFalse(grouping.submit(4));

    grouping.answered();
    assertEquals(List.of(List.of(1), List.of(2, 3)), sent.all(), "4 was never queued");
  }

  @Test
  void concurrentSubmittersLoseNothingAndNeverExceedTheLimit() throws Exception {
    int threads = 8;
    int each = 2_000;
    AtomicInteger out = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Integer> seen = new ArrayList<>();
    ExecutorService answers = Executors.newFixedThreadPool(2);
    @SuppressWarnings("unchecked")
    Grouping<Integer>[] holder = new Grouping[1];
    holder[0] =
        new Grouping<>(
            2,
            50,
            threads * each,
            batch -> {
              most.accumulateAndGet(out.incrementAndGet(), Math::max);
              synchronized (seen) {
                seen.addAll(batch);
              }
              answers.execute(
                  () -> {
                    out.decrementAndGet();
                    holder[0].answered();
                  });
            });
    ExecutorService submitters = Executors.newFixedThreadPool(threads);
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int base = t * each;
      submitters.execute(
          () -> {
            for (int i = 0; i < each; i++) {
              holder[0].submit(base + i);
            }
            done.countDown();
          });
    }
    assertTrue(done.await(30, TimeUnit.SECONDS));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!holder[0].idle() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    submitters.shutdown();
    answers.shutdown();

    assertTrue(holder[0].idle());
    synchronized (seen) {
      assertEquals(threads * each, seen.size());
      assertEquals(threads * each, seen.stream().distinct().count(), "each item sent once");
    }
    assertTrue(most.get() <= 2, "at most two batches out at once, was " + most.get());
  }

  @Test
  void limitsBelowOneAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Grouping<Integer>(0, 1, 1, b -> {}));
    assertThrows(IllegalArgumentException.class, () -> new Grouping<Integer>(1, 0, 1, b -> {}));
    assertThrows(IllegalArgumentException.class, () -> new Grouping<Integer>(1, 1, 0, b -> {}));
  }
}
