package org.learnparallel.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.learnparallel.pool.PoolThreads.awaitOrFail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The async calls and their result: waiting, timeouts, states, callbacks. */
@Timeout(60)
class AsyncResultTest {

  @Test
  void asyncCallsGiveTheirResults() {
    try (Pool pool = Pool.threads(2)) {
      assertEquals(List.of(1, 4, 9), pool.mapAsync(x -> x * x, List.of(1, 2, 3)).get());
      assertEquals(List.of(1, 4, 9), pool.mapAsync(x -> x * x, List.of(1, 2, 3), 2).get());
      assertEquals(List.of(3), pool.starmapAsync((x, y) -> x + y, List.of(Args.of(1, 2))).get());
      assertEquals(List.of(3), pool.starmapAsync((x, y) -> x + y, List.of(Args.of(1, 2)), 1).get());
      assertEquals(List.of(6), pool.starmapAsync((x, y, z) -> x + y + z, List.of(Args.of(1, 2, 3))).get());
      assertEquals(List.of(6), pool.starmapAsync((x, y, z) -> x + y + z, List.of(Args.of(1, 2, 3)), 1).get());
      assertEquals("x", pool.applyAsync(() -> "x").get());
      assertEquals("x1", pool.applyAsync(a -> a + 1, "x").get());
      assertEquals("x12", pool.applyAsync((a, b) -> a + b + 2, "x", 1).get());
      assertEquals("x123", pool.applyAsync((a, b, c) -> a + b + c + 3, "x", 1, 2).get());
    }
  }

  @Test
  void notReadyUntilTheWorkIsDone() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    try (Pool pool = Pool.threads(2)) {
      AsyncResult<Boolean> result = pool.applyAsync(() -> awaitOrFail(release));
      assertFalse(result.ready());
      assertEquals("AsyncResult[not ready]", result.toString());
      assertThrows(IllegalStateException.class, result::successful);
      assertFalse(result.await(Duration.ofMillis(10)));
      ResultTimeoutException timeout = assertThrows(ResultTimeoutException.class, () -> result.get(Duration.ofMillis(10)));
      assertTrue(timeout.getMessage().contains("10 ms"), timeout.getMessage());
      assertInstanceOf(PoolException.class, timeout, "one catch for every pool failure");
      release.countDown();
      assertTrue(result.get(Duration.ofSeconds(30))); // the timeout did not cancel the work
      assertTrue(result.ready());
      assertTrue(result.successful());
      assertTrue(result.await(Duration.ZERO));
      assertEquals("AsyncResult[true]", result.toString());
    }
  }

  @Test
  void awaitDoesNotThrowTheFailureButGetDoes() {
    try (Pool pool = Pool.threads(2)) {
      AsyncResult<List<Integer>> result = pool.mapAsync(x -> 1 / x, List.of(1, 0));
      result.await();
      assertTrue(result.ready());
      assertFalse(result.successful());
      TaskFailedException first = assertThrows(TaskFailedException.class, result::get);
      TaskFailedException second = assertThrows(TaskFailedException.class, () -> result.get(Duration.ofSeconds(1)));
      assertEquals(1, first.index());
      assertSame(first.getCause(), second.getCause());
      assertTrue(result.toString().startsWith("AsyncResult[failed: task for item 1 failed"), result.toString());
    }
  }

  @Test
  void successCallbackRunsOnceBeforeGetReturns() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    List<List<Integer>> received = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    try (Pool pool = Pool.threads(2)) {
      AsyncResult<List<Integer>> result = pool.mapAsync(x -> awaitOrFail(release) ? x : -1, List.of(1, 2, 3))
          .onSuccess(received::add)
          .onError(e -> errors.incrementAndGet());
      release.countDown();
      assertEquals(List.of(1, 2, 3), result.get());
      assertEquals(List.of(List.of(1, 2, 3)), received);
      assertEquals(0, errors.get());
    }
  }

  @Test
  void errorCallbackGetsTheTaskFailure() {
    AtomicReference<RuntimeException> error = new AtomicReference<>();
    AtomicInteger successes = new AtomicInteger();
    try (Pool pool = Pool.threads(2)) {
      AsyncResult<List<Integer>> result = pool.starmapAsync((Integer x, Integer y) -> x / y, List.of(Args.of(1, 0)))
          .onError(error::set)
          .onSuccess(r -> successes.incrementAndGet());
      result.await();
      TaskFailedException e = assertInstanceOf(TaskFailedException.class, error.get());
      assertEquals(0, e.index());
      assertInstanceOf(ArithmeticException.class, e.getCause());
      assertEquals(0, successes.get());
    }
  }

  @Test
  void callbacksRegisteredWhenReadyRunAtOnceOnTheCaller() {
    try (Pool pool = Pool.threads(2)) {
      AsyncResult<String> ok = pool.applyAsync(() -> "ok");
      ok.await();
      List<String> seen = new ArrayList<>();
      ok.onSuccess(r -> seen.add(r + " on " + Thread.currentThread().getName()));
      ok.onError(e -> seen.add("error"));
      assertEquals(List.of("ok on " + Thread.currentThread().getName()), seen);

      AsyncResult<Integer> failed = pool.applyAsync(x -> 1 / x, 0);
      failed.await();
      failed.onError(e -> seen.add(e.getClass().getSimpleName()));
      assertEquals("TaskFailedException", seen.get(1));
    }
  }

  @Test
  void aThrowingCallbackIsReportedAndHarmsNothing() {
    Thread caller = Thread.currentThread();
    Thread.UncaughtExceptionHandler before = caller.getUncaughtExceptionHandler();
    List<Throwable> reported = new ArrayList<>();
    caller.setUncaughtExceptionHandler((t, e) -> reported.add(e));
    try (Pool pool = Pool.threads(2)) {
      AsyncResult<String> result = pool.applyAsync(() -> "ok");
      result.await();
      result.onSuccess(r -> { throw new IllegalStateException("bad callback"); });
      assertEquals("ok", result.get());
      assertEquals(1, reported.size());
      assertEquals("bad callback", reported.get(0).getMessage());
    } finally {
      caller.setUncaughtExceptionHandler(before);
    }
  }

  @Test
  void nullCallbacksAndTimeoutsAreRejected() {
    try (Pool pool = Pool.threads(2)) {
      AsyncResult<String> result = pool.applyAsync(() -> "ok");
      assertThrows(NullPointerException.class, () -> result.onSuccess(null));
      assertThrows(NullPointerException.class, () -> result.onError(null));
      assertThrows(NullPointerException.class, () -> result.await(null));
      assertThrows(NullPointerException.class, () -> result.get(null));
    }
  }
}
