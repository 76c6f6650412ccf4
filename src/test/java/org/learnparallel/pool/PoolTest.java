package org.learnparallel.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** map, starmap and apply: results, chunking, errors. */
@Timeout(60)
class PoolTest {

  @Test
  void mapKeepsInputOrder() {
    try (Pool pool = Pool.threads(2)) {
      assertEquals(List.of(1, 4, 9, 16, 25), pool.map(x -> x * x, List.of(1, 2, 3, 4, 5)));
    }
  }

  @Test
  void mapWithAnyChunksizeGivesTheSameResults() {
    List<Integer> items = IntStream.range(0, 1000).boxed().toList();
    List<Integer> expected = items.stream().map(x -> x + 1).toList();
    try (Pool pool = Pool.threads(3)) {
      for (int chunksize : new int[] {1, 7, 999, 1000, 5000}) {
        assertEquals(expected, pool.map(x -> x + 1, items, chunksize), "chunksize " + chunksize);
      }
    }
  }

  @Test
  void mapTakesAnyIterableAndNullItems() {
    Iterable<Integer> notACollection = () -> Arrays.asList(1, null, 3).iterator();
    try (Pool pool = Pool.threads(2)) {
      assertEquals(Arrays.asList("1", "none", "3"), pool.map(x -> x == null ? "none" : "" + x, notACollection));
    }
  }

  @Test
  void mapDefaultChunksizeIsPythons() {
    // 100 items, 2 workers: ceil(100 / 8) = 13, so seven chunks of 13 and one of 9
    assertEquals(List.of(13, 13, 13, 13, 13, 13, 13, 9), chunkSizes(2, pool -> pool.map(PoolTest::whereItRuns, range(100))));
    // fewer items than 4 * workers: chunks of 1
    assertEquals(List.of(1, 1, 1, 1, 1), chunkSizes(2, pool -> pool.map(PoolTest::whereItRuns, range(5))));
  }

  @Test
  void chunksizeTellsTheDefault() {
    try (Pool two = Pool.threads(2); Pool three = Pool.threads(3)) {
      assertEquals(12_500, two.chunksize(100_000));
      assertEquals(13, two.chunksize(100));
      assertEquals(1, two.chunksize(5));
      assertEquals(1, two.chunksize(0));
      assertEquals(9, three.chunksize(100)); // ceil(100 / 12)
      assertEquals(268_435_456, two.chunksize(Integer.MAX_VALUE), "no overflow");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> two.chunksize(-1));
      assertEquals("the number of items cannot be negative, got -1", e.getMessage());
    }
  }

  @Test
  void mapExplicitChunksize() {
    assertEquals(List.of(4, 4, 2), chunkSizes(1, pool -> pool.map(PoolTest::whereItRuns, range(10), 4)));
    assertEquals(List.of(4, 4, 2), chunkSizes(1, pool -> pool.starmap((x, y) -> whereItRuns(x), pairs(10), 4)));
  }

  @Test
  void emptyInputGivesEmptyResult() {
    try (Pool pool = Pool.threads(2)) {
      assertEquals(List.of(), pool.map(x -> x, List.of()));
      assertEquals(List.of(), pool.map(x -> x, List.of(), 3));
      assertEquals(List.<Integer>of(), pool.starmap((Integer x, Integer y) -> x + y, List.of()));
      assertEquals(List.of(), pool.mapAsync(x -> x, List.of()).get());
      assertTrue(pool.mapAsync(x -> x, List.of()).ready());
      assertEquals(false, pool.imap(x -> x, List.of()).iterator().hasNext());
      assertEquals(false, pool.imapUnordered(x -> x, List.of()).iterator().hasNext());
    }
  }

  @Test
  void starmapOfPairsAndTriples() {
    try (Pool pool = Pool.threads(2)) {
      assertEquals(List.of(3, 30), pool.starmap((x, y) -> x + y, List.of(Args.of(1, 2), Args.of(10, 20))));
      assertEquals(List.of(6, 60, 0), pool.starmap((x, y, z) -> x + y + z,
          List.of(Args.of(1, 2, 3), Args.of(10, 20, 30), Args.of(100, 0, -100))));
      assertEquals(List.of("a1", "b2"), pool.starmap((s, n) -> s + n, List.of(Args.of("a", 1), Args.of("b", 2)), 1));
      assertEquals(List.of("a12"), pool.starmap((s, n, m) -> s + n + m, List.of(Args.of("a", 1, 2)), 1));
    }
  }

  @Test
  void applyRunsOnAWorker() {
    try (Pool pool = Pool.threads(2)) {
      assertTrue(pool.apply(() -> Thread.currentThread().getName()).matches("pool-\\d+-worker-\\d+"));
      int square = pool.apply(x -> x * x, 3);
      int max = pool.apply(Math::max, 3, 7);
      String joined = pool.apply((a, b, c) -> a + b + c, "a", "b", "c");
      Object nothing = pool.apply(() -> null);
      assertEquals(List.of(9, 7, "abc"), List.of(square, max, joined));
      assertNull(nothing);
    }
  }

  @Test
  void workerTellsWhereCodeRuns() {
    try (Pool pool = Pool.threads(2)) {
      Worker worker = pool.apply(Worker::current);
      assertEquals(ProcessHandle.current().pid(), worker.pid());
      assertTrue(worker.name().matches("pool-\\d+-worker-\\d+"), worker.name());
      assertEquals("pid " + worker.pid() + ", thread " + worker.name(), worker.toString());
    }
  }

  @Test
  void failingTaskNamesItsIndexAndWorkerAndThePoolStaysUsable() {
    try (Pool pool = Pool.threads(2)) {
      TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.map(x -> 10 / x, List.of(1, 0, 2)));
      assertEquals(1, e.index());
      assertTrue(e.worker().matches("pool-\\d+-worker-\\d+"), e.worker());
      assertTrue(e.getMessage().contains("item 1") && e.getMessage().contains(e.worker()), e.getMessage());
      assertInstanceOf(ArithmeticException.class, e.getCause());
      assertEquals(List.of(10, 5), pool.map(x -> 10 / x, List.of(1, 2)));
    }
  }

  @Test
  void failureIsThrownOnTheCallersThread() {
    try (Pool pool = Pool.threads(2)) {
      TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.map(x -> 10 / x, List.of(0)));
      boolean showsThisTest = Arrays.stream(e.getStackTrace())
          .anyMatch(frame -> frame.getMethodName().equals("failureIsThrownOnTheCallersThread")
              || frame.getClassName().startsWith(PoolTest.class.getName()));
      assertTrue(showsThisTest, "the stack trace should show the caller's code");
    }
  }

  @Test
  void checkedExceptionsAndErrorsAreCauses() {
    try (Pool pool = Pool.threads(2)) {
      TaskFailedException checked = assertThrows(TaskFailedException.class,
          () -> pool.map(x -> { throw new java.io.IOException("disk " + x); }, List.of(7)));
      assertEquals("disk 7", checked.getCause().getMessage());
      TaskFailedException error = assertThrows(TaskFailedException.class, () -> pool.apply(PoolTest::recurse, 1));
      assertInstanceOf(StackOverflowError.class, error.getCause());
      assertEquals(0, error.index());
    }
  }

  @Test
  void starmapAndApplyFailuresAreTaskFailures() {
    try (Pool pool = Pool.threads(2)) {
      TaskFailedException pair = assertThrows(TaskFailedException.class,
          () -> pool.starmap((Integer x, Integer y) -> x / y, List.of(Args.of(1, 1), Args.of(1, 0))));
      assertEquals(1, pair.index());
      TaskFailedException triple = assertThrows(TaskFailedException.class,
          () -> pool.starmap((Integer x, Integer y, Integer z) -> x / y / z, List.of(Args.of(1, 1, 0))));
      assertInstanceOf(ArithmeticException.class, triple.getCause());
      assertThrows(TaskFailedException.class, () -> pool.apply(x -> 1 / x, 0));
      assertThrows(TaskFailedException.class, () -> pool.apply((x, y) -> x / y, 1, 0));
      assertThrows(TaskFailedException.class, () -> pool.apply((x, y, z) -> x / y / z, 1, 1, 0));
      assertThrows(TaskFailedException.class, () -> pool.apply(() -> { throw new IllegalStateException(); }));
    }
  }

  @Test
  void aFailureCancelsTheOtherTasksOfTheCall() throws InterruptedException {
    PoolThreads.Blocker blocker = new PoolThreads.Blocker(1);
    try (Pool pool = Pool.threads(2)) {
      assertThrows(TaskFailedException.class, () -> pool.map(x -> {
        if (x == 0) {
          blocker.awaitStarted();
          throw new IllegalStateException("item 0 fails");
        }
        return blocker.block();
      }, List.of(0, 1), 1));
      blocker.awaitInterrupted(); // without the cancellation it would wait 30 s and fail
    }
  }

  /** Runs {@code call} on a pool whose workers each run one chunk, then sizes the chunks. */
  private static List<Integer> chunkSizes(int workers, java.util.function.Function<Pool, List<String>> call) {
    List<String> threadOfEachItem;
    try (Pool pool = Pool.builder().workers(workers).maxTasksPerChild(1).threads()) {
      threadOfEachItem = call.apply(pool);
    }
    // a fresh thread per chunk: the items of one chunk share a thread name
    Map<String, List<Integer>> itemsByThread = IntStream.range(0, threadOfEachItem.size()).boxed()
        .collect(Collectors.groupingBy(threadOfEachItem::get, TreeMap::new, Collectors.toList()));
    List<List<Integer>> chunks = new ArrayList<>(itemsByThread.values());
    chunks.sort(Comparator.comparing(items -> items.get(0)));
    return chunks.stream().map(List::size).toList();
  }

  private static String whereItRuns(int item) {
    return Thread.currentThread().getName();
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  private static List<Args2<Integer, Integer>> pairs(int n) {
    return IntStream.range(0, n).mapToObj(i -> Args.of(i, i)).toList();
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }
}
