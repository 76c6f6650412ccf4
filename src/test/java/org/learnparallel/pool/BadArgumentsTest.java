package org.learnparallel.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.learnparallel.function.CheckedBiFunction;
import org.learnparallel.function.CheckedFunction;
import org.learnparallel.function.CheckedSupplier;
import org.learnparallel.function.CheckedTriFunction;

/** Bad arguments and calls on a closed pool fail at once, with a message that says what is wrong. */
@Timeout(60)
class BadArgumentsTest {
  private static final CheckedFunction<Integer, Integer> NO_FN = null;
  private static final CheckedBiFunction<Integer, Integer, Integer> NO_FN2 = null;
  private static final CheckedTriFunction<Integer, Integer, Integer, Integer> NO_FN3 = null;
  private static final CheckedSupplier<Integer> NO_SUPPLIER = null;
  private static final List<Integer> ITEMS = List.of(1, 2);
  private static final List<Args2<Integer, Integer>> PAIRS = List.of(Args.of(1, 2));
  private static final List<Args3<Integer, Integer, Integer>> TRIPLES = List.of(Args.of(1, 2, 3));

  @Test
  void workerCountMustBePositive() {
    for (int bad : new int[] {0, -1, Integer.MIN_VALUE}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pool.threads(bad));
      assertTrue(e.getMessage().contains("at least 1 worker") && e.getMessage().contains("" + bad), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Pool.builder().workers(bad));
      assertThrows(IllegalArgumentException.class, () -> Pool.builder().maxTasksPerChild(bad));
    }
    assertThrows(NullPointerException.class, () -> Pool.builder().initializer(null));
  }

  @Test
  void builderIsImmutable() {
    PoolBuilder two = Pool.builder().workers(2);
    two.workers(5);
    try (Pool pool = two.threads()) {
      assertEquals(2, pool.workers());
    }
  }

  @Test
  void nullFunctionsAreRejected() {
    try (Pool pool = Pool.threads(1)) {
      assertAllThrow(NullPointerException.class, "the function is null", Map.ofEntries(
          Map.entry("map", () -> pool.map(NO_FN, ITEMS)),
          Map.entry("map chunked", () -> pool.map(NO_FN, ITEMS, 1)),
          Map.entry("starmap 2", () -> pool.starmap(NO_FN2, PAIRS)),
          Map.entry("starmap 2 chunked", () -> pool.starmap(NO_FN2, PAIRS, 1)),
          Map.entry("starmap 3", () -> pool.starmap(NO_FN3, TRIPLES)),
          Map.entry("starmap 3 chunked", () -> pool.starmap(NO_FN3, TRIPLES, 1)),
          Map.entry("imap", () -> pool.imap(NO_FN, ITEMS)),
          Map.entry("imap chunked", () -> pool.imap(NO_FN, ITEMS, 1)),
          Map.entry("imapUnordered", () -> pool.imapUnordered(NO_FN, ITEMS)),
          Map.entry("imapUnordered chunked", () -> pool.imapUnordered(NO_FN, ITEMS, 1)),
          Map.entry("apply 0", () -> pool.apply(NO_SUPPLIER)),
          Map.entry("apply 1", () -> pool.apply(NO_FN, 1)),
          Map.entry("apply 2", () -> pool.apply(NO_FN2, 1, 2)),
          Map.entry("apply 3", () -> pool.apply(NO_FN3, 1, 2, 3)),
          Map.entry("applyAsync 0", () -> pool.applyAsync(NO_SUPPLIER)),
          Map.entry("applyAsync 1", () -> pool.applyAsync(NO_FN, 1)),
          Map.entry("applyAsync 2", () -> pool.applyAsync(NO_FN2, 1, 2)),
          Map.entry("applyAsync 3", () -> pool.applyAsync(NO_FN3, 1, 2, 3)),
          Map.entry("mapAsync", () -> pool.mapAsync(NO_FN, ITEMS)),
          Map.entry("mapAsync chunked", () -> pool.mapAsync(NO_FN, ITEMS, 1)),
          Map.entry("starmapAsync 2", () -> pool.starmapAsync(NO_FN2, PAIRS)),
          Map.entry("starmapAsync 2 chunked", () -> pool.starmapAsync(NO_FN2, PAIRS, 1)),
          Map.entry("starmapAsync 3", () -> pool.starmapAsync(NO_FN3, TRIPLES)),
          Map.entry("starmapAsync 3 chunked", () -> pool.starmapAsync(NO_FN3, TRIPLES, 1))));
    }
  }

  @Test
  void nullItemListsAreRejected() {
    List<Integer> none = null;
    List<Args2<Integer, Integer>> noPairs = null;
    List<Args3<Integer, Integer, Integer>> noTriples = null;
    try (Pool pool = Pool.threads(1)) {
      assertAllThrow(NullPointerException.class, "the items are null", Map.ofEntries(
          Map.entry("map", () -> pool.map(x -> x, none)),
          Map.entry("map chunked", () -> pool.map(x -> x, none, 1)),
          Map.entry("starmap 2", () -> pool.starmap((x, y) -> x, noPairs)),
          Map.entry("starmap 2 chunked", () -> pool.starmap((x, y) -> x, noPairs, 1)),
          Map.entry("starmap 3", () -> pool.starmap((x, y, z) -> x, noTriples)),
          Map.entry("starmap 3 chunked", () -> pool.starmap((x, y, z) -> x, noTriples, 1)),
          Map.entry("imap", () -> pool.imap(x -> x, none)),
          Map.entry("imap chunked", () -> pool.imap(x -> x, none, 1)),
          Map.entry("imapUnordered", () -> pool.imapUnordered(x -> x, none)),
          Map.entry("imapUnordered chunked", () -> pool.imapUnordered(x -> x, none, 1)),
          Map.entry("mapAsync", () -> pool.mapAsync(x -> x, none)),
          Map.entry("mapAsync chunked", () -> pool.mapAsync(x -> x, none, 1)),
          Map.entry("starmapAsync 2", () -> pool.starmapAsync((x, y) -> x, noPairs)),
          Map.entry("starmapAsync 3", () -> pool.starmapAsync((x, y, z) -> x, noTriples))));
    }
  }

  @Test
  void chunksizeMustBePositive() {
    try (Pool pool = Pool.threads(1)) {
      for (int bad : new int[] {0, -1}) {
        assertAllThrow(IllegalArgumentException.class, "chunksize must be at least 1, got " + bad, Map.ofEntries(
            Map.entry("map", () -> pool.map(x -> x, ITEMS, bad)),
            Map.entry("starmap 2", () -> pool.starmap((x, y) -> x, PAIRS, bad)),
            Map.entry("starmap 3", () -> pool.starmap((x, y, z) -> x, TRIPLES, bad)),
            Map.entry("imap", () -> pool.imap(x -> x, ITEMS, bad)),
            Map.entry("imapUnordered", () -> pool.imapUnordered(x -> x, ITEMS, bad)),
            Map.entry("mapAsync", () -> pool.mapAsync(x -> x, ITEMS, bad)),
            Map.entry("starmapAsync 2", () -> pool.starmapAsync((x, y) -> x, PAIRS, bad)),
            Map.entry("starmapAsync 3", () -> pool.starmapAsync((x, y, z) -> x, TRIPLES, bad))));
      }
    }
  }

  @Test
  void aClosedOrTerminatedPoolTakesNoWork() {
    Pool closed = Pool.threads(1);
    closed.close();
    Pool terminated = Pool.threads(1);
    terminated.terminate();
    for (Pool pool : List.of(closed, terminated)) {
      assertAllThrow(IllegalStateException.class, "this pool is closed", Map.ofEntries(
          Map.entry("map", () -> pool.map(x -> x, ITEMS)),
          Map.entry("map empty", () -> pool.map(x -> x, List.of())),
          Map.entry("map chunked", () -> pool.map(x -> x, ITEMS, 1)),
          Map.entry("starmap 2", () -> pool.starmap((x, y) -> x, PAIRS)),
          Map.entry("starmap 3", () -> pool.starmap((x, y, z) -> x, TRIPLES)),
          Map.entry("imap", () -> pool.imap(x -> x, ITEMS)),
          Map.entry("imapUnordered", () -> pool.imapUnordered(x -> x, ITEMS)),
          Map.entry("apply 0", () -> pool.apply(() -> 1)),
          Map.entry("apply 1", () -> pool.apply(x -> x, 1)),
          Map.entry("apply 2", () -> pool.apply((x, y) -> x, 1, 2)),
          Map.entry("apply 3", () -> pool.apply((x, y, z) -> x, 1, 2, 3)),
          Map.entry("applyAsync", () -> pool.applyAsync(() -> 1)),
          Map.entry("mapAsync", () -> pool.mapAsync(x -> x, ITEMS)),
          Map.entry("starmapAsync", () -> pool.starmapAsync((x, y) -> x, PAIRS))));
    }
  }

  private static void assertAllThrow(Class<? extends RuntimeException> type, String message, Map<String, Executable> calls) {
    Map<String, String> wrong = new LinkedHashMap<>();
    calls.forEach((name, call) -> {
      RuntimeException e = assertThrows(type, call, name);
      if (!e.getMessage().contains(message)) {
        wrong.put(name, e.getMessage());
      }
    });
    assertEquals(Map.of(), wrong, "messages without '" + message + "'");
  }
}
