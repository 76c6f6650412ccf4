package org.learnparallel.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** What tests need to look at a pool's threads and to hold its tasks without sleeping. */
final class PoolThreads {
  private PoolThreads() {}

  /** The name shared by the pool's worker threads, such as {@code pool-3-worker-}. */
  static String workerPrefix(Pool pool) {
    return pool.apply(() -> Thread.currentThread().getName()).replaceAll("\\d+$", "");
  }

  static List<Thread> alive(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
        .toList();
  }

  /** Waits, at most 10 s as a hang guard, until no thread named {@code prefix...} is alive. */
  static void assertNoneAlive(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!alive(prefix).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(List.of(), alive(prefix).stream().map(Thread::getName).toList());
  }

  /** Blocks until {@code latch} opens; a task's way to wait for the test. */
  static boolean awaitOrFail(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("a latch was not opened within 30 s");
    }
    return true;
  }

  /** Tasks that start, then wait until they are interrupted, as the test expects them to be. */
  static final class Blocker {
    private final CountDownLatch started;
    private final CountDownLatch interrupted;
    private final CountDownLatch neverOpened = new CountDownLatch(1);

    /** For {@code tasks} tasks that block. */
    Blocker(int tasks) {
      started = new CountDownLatch(tasks);
      interrupted = new CountDownLatch(tasks);
    }

    /** Run by a task: blocks until interrupted (failing after 30 s). */
    boolean block() throws InterruptedException {
      started.countDown();
      try {
        return awaitOrFail(neverOpened);
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
    }

    void awaitStarted() throws InterruptedException {
      awaitOrFail(started);
    }

    void awaitInterrupted() throws InterruptedException {
      awaitOrFail(interrupted);
    }
  }
}
