package org.learnparallel.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a careless student tries must end: with the answer, or at once with a clear error. */
class NoHangTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(20);

  /** A task that calls its own pool runs that work itself, as ForkJoinPool's workers help. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aTaskMayCallItsOwnPool(int workers) {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      try (Pool pool = Pool.threads(workers)) {
        List<Integer> sums = pool.map(x -> pool.map(y -> x * y, List.of(1, 2, 3)).stream().mapToInt(i -> i).sum(),
            List.of(1, 2, 3, 4), 1);
        assertEquals(List.of(6, 12, 18, 24), sums);
        assertEquals(List.of(7, 8), pool.mapAsync(x -> pool.apply(() -> x + 5), List.of(2, 3), 1).get());
        assertEquals(List.of(10, 20), pool.map(x -> pool.mapAsync(y -> y * 10, List.of(x)).get().get(0), List.of(1, 2)));
        int total = 0;
        for (int r : pool.imap(x -> pool.apply(Math::max, x, 3), List.of(1, 5))) {
          total += r;
        }
        assertEquals(8, total);
      }
    });
  }

  /** A callback may read the result it was called for: get() must not wait for itself. */
  @Test
  void aCallbackMayCallGet() {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      try (Pool pool = Pool.threads(1)) {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Object> seen = new AtomicReference<>();
        CountDownLatch called = new CountDownLatch(1);
        AsyncResult<List<Integer>> r = pool.mapAsync(x -> {
          PoolThreads.awaitOrFail(release);
          return x * 2;
        }, List.of(1, 2));
        r.onSuccess(v -> {
          seen.set(r.get());
          called.countDown();
        });
        release.countDown();
        PoolThreads.awaitOrFail(called);
        assertEquals(List.of(2, 4), seen.get());
        assertEquals(List.of(2, 4), r.get());
        assertEquals(List.of(9), pool.map(x -> x * x, List.of(3)), "the worker was not stuck in the callback");
      }
    });
  }

  /**
   * A StackOverflowError belongs to its item (the stack unwinds; the worker is fine); any other
   * Error (OutOfMemoryError, a missing class) stops the chunk at once: the rest is not tried.
   */
  @Test
  void errorsOtherThanStackOverflowStopTheChunk() {
    try (Pool pool = Pool.threads(1)) {
      AtomicInteger tried = new AtomicInteger();
      TaskFailedException oom = assertThrows(TaskFailedException.class, () -> pool.map(x -> {
        tried.incrementAndGet();
        if (x == 1) {
          throw new OutOfMemoryError("simulated");
        }
        return x;
      }, List.of(1, 2, 3), 3));
      assertEquals(1, tried.get(), "the chunk stopped at the Error");
      assertInstanceOf(OutOfMemoryError.class, oom.getCause());
      assertEquals(0, oom.index());
      assertTrue(oom.getMessage().contains("pool-"), oom.getMessage());

      TaskFailedException deep = assertThrows(TaskFailedException.class,
          () -> pool.map(x -> x == 2 ? recurse(x) : x, List.of(1, 2, 3), 3));
      assertEquals(1, deep.index());
      assertInstanceOf(StackOverflowError.class, deep.getCause());
      assertEquals(List.of(1, 2), pool.map(x -> x, List.of(1, 2)), "the pool still works");
    }
  }

  private static int recurse(int x) {
    return recurse(x + 1) + 1;
  }

  /**
   * terminate() cannot stop a task that ignores interrupts: it returns anyway, and names the
   * worker, what it runs, and the two ways out.
   */
  @Test
  void terminateNamesWorkersThatIgnoreIt() throws InterruptedException {
    AtomicReference<Boolean> spin = new AtomicReference<>(true);
    CountDownLatch started = new CountDownLatch(1);
    Pool pool = Pool.threads(1);
    AsyncResult<List<Long>> r = pool.mapAsync(x -> {
      started.countDown();
      long i = 0;
      while (spin.get()) {
        i++;
      }
      return i;
    }, List.of(7));
    PoolThreads.awaitOrFail(started);
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertTimeoutPreemptively(HANG_GUARD, pool::terminate);
    } finally {
      System.setErr(err);
      spin.set(false);
    }
    String warning = captured.toString(StandardCharsets.UTF_8);
    assertTrue(warning.matches("(?s).*pool-\\d+-worker-1.*item 0.*"), warning);
    assertTrue(warning.contains("Thread.interrupted()") && warning.contains("Pool.processes"), warning);
    assertTrue(warning.contains("core") && warning.contains("restart"), warning);
    assertThrows(java.util.concurrent.CancellationException.class, r::get);
  }
}
