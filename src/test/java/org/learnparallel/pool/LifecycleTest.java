package org.learnparallel.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.learnparallel.pool.PoolThreads.assertNoneAlive;
import static org.learnparallel.pool.PoolThreads.awaitOrFail;
import static org.learnparallel.pool.PoolThreads.workerPrefix;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.learnparallel.pool.PoolThreads.Blocker;

/** Workers, close, terminate, join, interrupts, several callers. */
@Timeout(60)
class LifecycleTest {

  @Test
  void workerCountDefaultsToTheProcessors() {
    try (Pool pool = Pool.threads(); Pool three = Pool.threads(3)) {
      assertEquals(Runtime.getRuntime().availableProcessors(), pool.workers());
      assertEquals(3, three.workers());
    }
  }

  @Test
  void aPoolSaysWhatItIs() {
    Pool pool = Pool.threads(2);
    assertTrue(pool.toString().matches("Pool\\[2 threads pool-\\d+-worker-N, open]"), pool.toString());
    pool.close();
    assertTrue(pool.toString().endsWith(", closed]"), pool.toString());
  }

  @Test
  void workersAreNamedDaemonThreads() throws InterruptedException {
    CountDownLatch allStarted = new CountDownLatch(3);
    try (Pool pool = Pool.threads(3)) {
      // all three hold at once, so three distinct workers answer
      List<Thread> workers = pool.map(x -> {
        allStarted.countDown();
        awaitOrFail(allStarted);
        return Thread.currentThread();
      }, List.of(1, 2, 3), 1);
      assertEquals(3, new HashSet<>(workers).size());
      for (Thread worker : workers) {
        assertTrue(worker.isDaemon(), worker + " must be a daemon: an unclosed pool must not keep the JVM alive");
        assertTrue(worker.getName().matches("pool-\\d+-worker-[123]"), worker.getName());
      }
    }
  }

  @Test
  void closeFinishesQueuedWorkThenEndsTheWorkers() throws InterruptedException {
    Pool pool = Pool.threads(2);
    String prefix = workerPrefix(pool);
    AsyncResult<List<Integer>> queued = pool.mapAsync(x -> {
      Thread.sleep(5);
      return x;
    }, IntStream.range(0, 20).boxed().toList(), 1);
    pool.close();
    assertTrue(queued.ready(), "close() returns only once the work given is done");
    assertEquals(20, queued.get().size());
    assertEquals(List.of(), PoolThreads.alive(prefix), "close() returns only once the workers ended");
    pool.close(); // again: nothing happens
    pool.join();
    pool.terminate();
  }

  @Test
  void terminateCancelsQueuedAndRunningWork() throws InterruptedException {
    Blocker blocker = new Blocker(1);
    Pool pool = Pool.threads(1);
    String prefix = workerPrefix(pool);
    AsyncResult<Boolean> blocked = pool.applyAsync(blocker::block);
    AsyncResult<String> queued = pool.applyAsync(() -> "never runs");
    blocker.awaitStarted();
    pool.terminate();
    blocker.awaitInterrupted();
    assertEquals("the pool was terminated before the task for item 0 finished",
        assertThrows(CancellationException.class, blocked::get).getMessage());
    assertEquals("the pool was terminated before the task for item 0 finished",
        assertThrows(CancellationException.class, queued::get).getMessage());
    assertNoneAlive(prefix);
    assertThrows(IllegalStateException.class, () -> pool.map(x -> x, List.of(1)));
  }

  @Test
  void aResultCancelledByItsInterruptedWaiterSaysSo() throws InterruptedException {
    Blocker blocker = new Blocker(1);
    try (Pool pool = Pool.threads(1)) {
      AsyncResult<Boolean> result = pool.applyAsync(blocker::block);
      blocker.awaitStarted();
      Thread.currentThread().interrupt(); // as "Interrupt kernel" does to a cell waiting in get()
      assertThrows(CancellationException.class, result::get);
      assertTrue(Thread.interrupted());
      blocker.awaitInterrupted();
      assertEquals("the task for item 0 was cancelled: its caller was interrupted",
          assertThrows(CancellationException.class, result::get).getMessage(), "asked again later");
    }
  }

  @Test
  void terminateWakesACallerBlockedInMap() throws InterruptedException {
    Blocker blocker = new Blocker(3); // all started, so all submitted: map is waiting, not submitting
    Pool pool = Pool.threads(3);
    String prefix = workerPrefix(pool);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        pool.map(x -> blocker.block(), List.of(1, 2, 3));
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    caller.start();
    blocker.awaitStarted();
    pool.terminate();
    caller.join();
    assertInstanceOf(CancellationException.class, thrown.get());
    assertTrue(thrown.get().getMessage().startsWith("the pool was terminated before the task for item "), thrown.get().getMessage());
    assertNoneAlive(prefix);
  }

  @Test
  void closeFromACallbackOnAWorkerDoesNotWaitForThatWorker() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    Pool pool = Pool.threads(1);
    String prefix = workerPrefix(pool);
    AsyncResult<Boolean> result = pool.applyAsync(() -> awaitOrFail(release)).onSuccess(r -> pool.close());
    release.countDown();
    assertTrue(result.get()); // the callback runs on the worker before get() returns
    assertThrows(IllegalStateException.class, () -> pool.apply(() -> 1));
    assertNoneAlive(prefix);
  }

  @Test
  void anUnreachablePoolIsShutDown() throws InterruptedException {
    String prefix = prefixOfAPoolNobodyCloses();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!PoolThreads.alive(prefix).isEmpty() && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(List.of(), PoolThreads.alive(prefix));
  }

  private static String prefixOfAPoolNobodyCloses() {
    return workerPrefix(Pool.threads(2));
  }

  @Test
  void joinNeedsCloseOrTerminateFirst() {
    Pool pool = Pool.threads(1);
    IllegalStateException e = assertThrows(IllegalStateException.class, pool::join);
    assertTrue(e.getMessage().contains("close()"), e.getMessage());
    pool.terminate();
    pool.join();
  }

  @Test
  void anInterruptedMapCancelsItsTasksAndThePoolStaysUsable() throws InterruptedException {
    int workers = 2;
    Blocker blocker = new Blocker(workers);
    AtomicInteger started = new AtomicInteger();
    Pool pool = Pool.threads(workers);
    String prefix = workerPrefix(pool);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flagAfter = new AtomicReference<>();
    Thread cell = new Thread(() -> { // a notebook cell's thread, interrupted by "Interrupt kernel"
      try {
        pool.map(x -> {
          started.incrementAndGet();
          return blocker.block();
        }, IntStream.range(0, 100).boxed().toList(), 1);
      } catch (Throwable e) {
        thrown.set(e);
        flagAfter.set(Thread.currentThread().isInterrupted());
      }
    }, "cell");
    cell.start();
    blocker.awaitStarted();
    cell.interrupt();
    cell.join();

    assertInstanceOf(CancellationException.class, thrown.get());
    assertTrue(flagAfter.get(), "the interrupt flag stays set for the caller");
    blocker.awaitInterrupted(); // the running tasks were interrupted
    assertEquals(List.of(2, 4), pool.map(x -> x * 2, List.of(1, 2)), "the pool stays usable");
    assertEquals(workers, started.get(), "the 98 queued tasks were cancelled, not run");
    pool.close();
    assertNoneAlive(prefix);
  }

  @Test
  void anInterruptedImapOrGetCancelsItsTasks() throws InterruptedException {
    try (Pool pool = Pool.threads(2)) {
      for (int call = 0; call < 3; call++) {
        Blocker blocker = new Blocker(1);
        int which = call;
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread cell = new Thread(() -> {
          try {
            switch (which) {
              case 0 -> pool.imap(x -> blocker.block(), List.of(1)).iterator().next();
              case 1 -> pool.imapUnordered(x -> blocker.block(), List.of(1)).iterator().next();
              default -> pool.applyAsync(blocker::block).get();
            }
          } catch (Throwable e) {
            thrown.set(e);
          }
        });
        cell.start();
        blocker.awaitStarted();
        cell.interrupt();
        cell.join();
        assertInstanceOf(CancellationException.class, thrown.get(), "call " + which);
        blocker.awaitInterrupted();
      }
      assertEquals("still usable", pool.apply(() -> "still usable"));
    }
  }

  @Test
  void resultsThatAreThereAreGivenToAnInterruptedCaller() {
    try (Pool pool = Pool.threads(1)) {
      AsyncResult<String> ready = pool.applyAsync(() -> "there");
      ready.await();
      Iterator<Integer> ordered = pool.imap(x -> x, List.of(1)).iterator();
      Iterator<Integer> unordered = pool.imapUnordered(x -> x, List.of(2)).iterator();
      // one worker takes tasks in order: once this is done, so are both imaps
      assertEquals(List.of(1), pool.map(x -> x, List.of(1)));
      Thread.currentThread().interrupt();
      try {
        assertEquals("there", ready.get());
        assertEquals(1, ordered.next());
        assertEquals(2, unordered.next());
        assertEquals(List.of(), pool.map(x -> x, List.of()));
      } finally {
        assertTrue(Thread.interrupted(), "the flag is left as it was");
      }
    }
  }

  @Test
  void anInterruptedCloseTerminates() throws InterruptedException {
    Blocker blocker = new Blocker(1);
    Pool pool = Pool.threads(1);
    String prefix = workerPrefix(pool);
    AsyncResult<Boolean> blocked = pool.applyAsync(blocker::block);
    AtomicReference<Boolean> flagAfter = new AtomicReference<>();
    Thread cell = new Thread(() -> {
      pool.close(); // would wait 30 s for the blocked task, then the latch's AssertionError
      flagAfter.set(Thread.currentThread().isInterrupted());
    });
    cell.start();
    blocker.awaitStarted();
    cell.interrupt();
    cell.join();
    assertTrue(flagAfter.get());
    blocker.awaitInterrupted();
    assertThrows(CancellationException.class, blocked::get);
    assertNoneAlive(prefix);
  }

  @Test
  void severalCallersShareOnePool() throws InterruptedException {
    int callers = 4;
    CountDownLatch go = new CountDownLatch(1);
    List<List<Integer>> results = new ArrayList<>(List.of(List.of(), List.of(), List.of(), List.of()));
    List<Thread> threads = new ArrayList<>();
    try (Pool pool = Pool.threads(2)) {
      for (int c = 0; c < callers; c++) {
        int caller = c;
        Thread t = new Thread(() -> {
          try {
            awaitOrFail(go);
            List<Integer> mine = IntStream.range(0, 500).map(i -> i * callers + caller).boxed().toList();
            List<Integer> doubled = pool.map(x -> x * 2, mine, caller + 1);
            synchronized (results) {
              results.set(caller, doubled);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        t.start();
        threads.add(t);
      }
      go.countDown();
      for (Thread t : threads) {
        t.join();
      }
    }
    for (int c = 0; c < callers; c++) {
      int caller = c;
      assertEquals(IntStream.range(0, 500).map(i -> 2 * (i * callers + caller)).boxed().toList(), results.get(c));
    }
  }

  @Test
  void initializerRunsOncePerWorkerBeforeItsTasks() {
    Set<String> initialized = ConcurrentHashMap.newKeySet();
    ThreadLocal<String> connection = new ThreadLocal<>();
    try (Pool pool = Pool.builder().workers(2).initializer(() -> {
      initialized.add(Thread.currentThread().getName());
      connection.set("connection of " + Thread.currentThread().getName());
    }).threads()) {
      List<String> used = pool.map(x -> connection.get(), IntStream.range(0, 200).boxed().toList(), 1);
      Set<String> workers = new HashSet<>();
      used.forEach(u -> workers.add(u.substring("connection of ".length())));
      assertTrue(initialized.containsAll(workers), "every task ran on an initialized worker");
      assertTrue(initialized.size() <= 2, "once per worker: " + initialized);
    }
  }

  @Test
  void aFailingInitializerFailsThatWorkersTasksClearly() {
    try (Pool pool = Pool.builder().workers(1).initializer(() -> { throw new java.io.IOException("no database"); }).threads()) {
      PoolBrokenException e = assertThrows(PoolBrokenException.class, () -> pool.map(x -> x, List.of(1, 2)));
      assertTrue(e.getMessage().contains("initializer") && e.getMessage().contains("worker-1"), e.getMessage());
      assertEquals("no database", e.getCause().getCause().getMessage());
      assertInstanceOf(PoolException.class, e);
      assertThrows(PoolBrokenException.class, () -> pool.apply(() -> 1), "and it does not hang");
    }
  }

  @Test
  void terminateDuringTheInitializerEndsTheWorker() throws InterruptedException {
    Blocker blocker = new Blocker(1);
    AtomicReference<String> worker = new AtomicReference<>();
    Pool pool = Pool.builder().workers(1).initializer(() -> {
      worker.set(Thread.currentThread().getName());
      blocker.block();
    }).threads();
    blocker.awaitStarted();
    pool.terminate(); // returns once the worker ended
    blocker.awaitInterrupted();
    assertEquals(List.of(), PoolThreads.alive(worker.get()));
  }

  @Test
  void maxTasksPerChildReplacesTheWorker() {
    AtomicInteger initializations = new AtomicInteger();
    try (Pool pool = Pool.builder().workers(1).maxTasksPerChild(2).initializer(initializations::incrementAndGet).threads()) {
      List<String> names = pool.map(x -> Thread.currentThread().getName(), List.of(1, 2, 3, 4, 5), 1);
      String prefix = names.get(0).replaceAll("\\d+$", "");
      assertEquals(List.of("1", "1", "2", "2", "3"), names.stream().map(n -> n.substring(prefix.length())).toList());
      assertEquals(3, initializations.get());
    }
  }
}
