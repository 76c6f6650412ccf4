package org.learnparallel.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.learnparallel.pool.PoolThreads.awaitOrFail;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** imap and imapUnordered: order, laziness, errors at their place. */
@Timeout(60)
class ImapTest {

  @Test
  void imapYieldsInInputOrderEvenWhenLaterItemsFinishFirst() throws InterruptedException {
    CountDownLatch secondDone = new CountDownLatch(1);
    try (Pool pool = Pool.threads(2)) {
      List<String> results = new ArrayList<>();
      for (String r : pool.imap(x -> finishSecondFirst(x, secondDone), List.of(0, 1))) {
        results.add(r);
      }
      assertEquals(List.of("first", "second"), results);
    }
  }

  @Test
  void imapUnorderedYieldsInCompletionOrder() throws InterruptedException {
    CountDownLatch secondReceived = new CountDownLatch(1);
    try (Pool pool = Pool.threads(2)) {
      // item 0 cannot finish before the caller has received item 1
      Iterator<String> it = pool.imapUnordered(x -> x == 1 ? "second" : awaitOrFail(secondReceived) ? "first" : "",
          List.of(0, 1)).iterator();
      assertEquals("second", it.next());
      secondReceived.countDown();
      assertEquals("first", it.next());
      assertFalse(it.hasNext());
    }
  }

  @Test
  void imapIsLazy() throws InterruptedException {
    CountDownLatch firstReceived = new CountDownLatch(1);
    try (Pool pool = Pool.threads(2)) {
      // item 1 finishes only after the caller got item 0: a non-lazy imap would wait forever
      Iterator<Integer> it = pool.imap(x -> x == 0 ? 0 : awaitOrFail(firstReceived) ? 1 : -1, List.of(0, 1)).iterator();
      assertEquals(0, it.next());
      firstReceived.countDown();
      assertEquals(1, it.next());
      assertFalse(it.hasNext());
    }
  }

  @Test
  void imapWithChunksGivesEverything() {
    List<Integer> items = IntStream.range(0, 50).boxed().toList();
    try (Pool pool = Pool.threads(3)) {
      List<Integer> ordered = new ArrayList<>();
      pool.imap(x -> x * 2, items, 7).forEach(ordered::add);
      assertEquals(items.stream().map(x -> x * 2).toList(), ordered);
      List<Integer> unordered = new ArrayList<>();
      pool.imapUnordered(x -> x * 2, items, 7).forEach(unordered::add);
      unordered.sort(null);
      assertEquals(ordered, unordered);
    }
  }

  @Test
  void aFailedItemThrowsAtItsPlaceAndTheIterationGoesOn() {
    try (Pool pool = Pool.threads(2)) {
      for (int chunksize : new int[] {1, 3}) {
        Iterator<Integer> it = pool.imap(x -> 10 / x, List.of(1, 0, 2), chunksize).iterator();
        assertEquals(10, it.next());
        TaskFailedException e = assertThrows(TaskFailedException.class, it::next);
        assertEquals(1, e.index());
        assertEquals(5, it.next());
        assertFalse(it.hasNext());
      }
    }
  }

  @Test
  void imapUnorderedFailureIsATaskFailure() {
    try (Pool pool = Pool.threads(2)) {
      Iterator<Integer> it = pool.imapUnordered(x -> 10 / x, List.of(0)).iterator();
      assertEquals(0, assertThrows(TaskFailedException.class, it::next).index());
      assertFalse(it.hasNext());
    }
  }

  @Test
  void resultsCanBeIteratedOnceAndNotPastTheEnd() {
    try (Pool pool = Pool.threads(2)) {
      for (Iterable<Integer> results : List.of(pool.imap(x -> x, List.of(1)), pool.imapUnordered(x -> x, List.of(1)))) {
        Iterator<Integer> it = results.iterator();
        assertThrows(IllegalStateException.class, results::iterator);
        assertTrue(it.hasNext());
        assertEquals(1, it.next());
        assertThrows(NoSuchElementException.class, it::next);
      }
    }
  }

  /** Item 1 returns at once; item 0 only after item 1 is done. */
  private static String finishSecondFirst(int item, CountDownLatch secondDone) throws InterruptedException {
    if (item == 1) {
      secondDone.countDown();
      return "second";
    }
    awaitOrFail(secondDone);
    return "first";
  }
}
