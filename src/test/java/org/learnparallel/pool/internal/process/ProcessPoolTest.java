package org.learnparallel.pool.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.learnparallel.pool.Args;
import org.learnparallel.pool.AsyncResult;
import org.learnparallel.pool.Pool;
import org.learnparallel.pool.PoolBrokenException;
import org.learnparallel.pool.TaskFailedException;
import org.learnparallel.pool.WorkerDiedException;
import org.learnparallel.pool.internal.Backend;
import org.learnparallel.pool.internal.Pools;
import org.learnparallel.pool.internal.Task;

class ProcessPoolTest {
  /** Generous: only there so that a bug shows as a failure, not as a build that never ends. */
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  private static final long PARENT = ProcessHandle.current().pid();

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  private static ProcessBackend backend(int workers) {
    return new ProcessBackend(workers, () -> {}, 0);
  }

  private static <R> Future<R> submit(Backend backend, Task<R> task) {
    return backend.submit(task, done -> {});
  }

  @Test
  void mapRunsInOtherProcessesAndKeepsOrder() {
    ProcessBackend backend = backend(2);
    try (Pool pool = Pools.on(backend)) {
      assertEquals(List.of(0, 1, 4, 9, 16), pool.map(x -> x * x, range(5)));
      Set<Long> pids = new HashSet<>(pool.map(x -> ProcessHandle.current().pid(), range(40), 1));
      assertFalse(pids.contains(PARENT));
      assertTrue(backend.pids().containsAll(pids));
      assertEquals(2, new HashSet<>(backend.pids()).size());
      assertTrue(pool.toString().matches("Pool\\[2 processes pool-\\d+-process-N, pids \\[\\d+, \\d+\\], open\\]"),
          pool.toString());
    }
  }

  @Test
  void everyCallOfThePoolWorksOnProcesses() {
    try (Pool pool = Pool.processes(2)) {
      assertEquals(List.of(6, 60, 0), pool.starmap((x, y, z) -> x + y + z,
          List.of(Args.of(1, 2, 3), Args.of(10, 20, 30), Args.of(100, 0, -100))));
      List<Integer> inOrder = new ArrayList<>();
      pool.imap(x -> x * 10, List.of(1, 2, 3)).forEach(inOrder::add);
      assertEquals(List.of(10, 20, 30), inOrder);
      Set<Integer> anyOrder = new HashSet<>();
      pool.imapUnordered(x -> x * 10, List.of(1, 2, 3), 1).forEach(anyOrder::add);
      assertEquals(Set.of(10, 20, 30), anyOrder);
      assertEquals(7, pool.<Integer, Integer, Integer>apply(Math::max, 3, 7));
      List<Integer> called = new ArrayList<>();
      AsyncResult<List<Integer>> async = pool.mapAsync(x -> x + 1, range(1000)).onSuccess(r -> called.add(r.size()));
      assertEquals(1000, async.get(HANG_GUARD).size());
      assertEquals(List.of(1000), called, "the callback ran before get returned");
    }
  }

  @Test
  void severalCallerThreadsShareOnePool() {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      ExecutorService callers = Executors.newFixedThreadPool(4);
      try (Pool pool = Pool.processes(2)) {
        List<Future<List<Integer>>> calls = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
          int factor = k;
          calls.add(callers.submit(() -> pool.map(x -> x * factor, range(300), factor))); // chunks of 1 to 4
        }
        for (int k = 1; k <= 4; k++) {
          int factor = k;
          assertEquals(range(300).stream().map(x -> x * factor).toList(), calls.get(k - 1).get(), "caller " + k);
        }
      } finally {
        callers.shutdownNow();
      }
    });
  }

  @Test
  void failingItemNamesItsIndexAndCause() {
    try (Pool pool = Pool.processes(2)) {
      TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.map(x -> 10 / x, List.of(1, 0, 2)));
      assertEquals(1, e.index());
      assertEquals(ArithmeticException.class, e.getCause().getClass());
    }
  }

  @Test
  void notSerializableArgumentAndResultAreNamed() {
    Object notSerializable = new Thread();
    try (Pool pool = Pool.processes(1)) {
      IllegalArgumentException arg = assertThrows(IllegalArgumentException.class,
          () -> pool.map(x -> x + notSerializable.hashCode(), List.of(1)));
      assertTrue(arg.getMessage().startsWith("argument of type java.lang.Thread is not Serializable"), arg.getMessage());
      // the worker cannot send it back: that item fails, with the same kind of cause as an item
      TaskFailedException result = assertThrows(TaskFailedException.class,
          () -> pool.map(x -> x == 7 ? new Thread() : x, range(10), 4));
      assertEquals(7, result.index(), result.getMessage());
      assertInstanceOf(IllegalArgumentException.class, result.getCause());
      assertTrue(result.getMessage().contains("result of type java.lang.Thread is not Serializable"), result.getMessage());
      // deep inside a Serializable result: the chunk's first item is named
      TaskFailedException nested = assertThrows(TaskFailedException.class,
          () -> pool.map(x -> x == 7 ? List.of(new Thread()) : x, range(10), 4));
      assertEquals(4, nested.index(), nested.getMessage());
      assertInstanceOf(IllegalArgumentException.class, nested.getCause());
      assertEquals(List.of(2), pool.map(x -> x + 1, List.of(1)), "the pool still works");
    }
  }

  @Test
  void whatTasksPrintReachesThisSystemOutAndErrBeforeTheResult() {
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (Pool pool = Pool.processes(2)) {
      pool.map(x -> {
        System.out.println("Worker process id for " + x + ": " + ProcessHandle.current().pid());
        System.err.print("warning " + x + ";");
        return x;
      }, List.of(3, 4), 1);
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Worker process id for 3: "), printed);
    assertTrue(printed.contains("Worker process id for 4: "), printed);
    assertFalse(printed.contains(": " + PARENT + System.lineSeparator()), printed);
    String warned = err.toString(StandardCharsets.UTF_8);
    assertTrue(warned.contains("warning 3;") && warned.contains("warning 4;"), warned);
  }

  /**
   * Replies come in bursts and the parent gives a worker more tasks once a burst is read: a burst
   * that ends with printed output (from a thread the task started) rather than a reply must get
   * them too, or the call waits for good.
   */
  @Test
  void outputPrintedAfterTheRepliesDoesNotStallTheCall() {
    PrintStream savedOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertTimeoutPreemptively(HANG_GUARD, () -> { // the close too: it waits for the call's tasks
        try (Pool pool = Pool.processes(1)) {
          assertEquals(range(3000), pool.map(x -> {
            new Thread(() -> System.out.println("late " + x)).start();
            return x;
          }, range(3000), 1));
        }
      });
    } finally {
      System.setOut(savedOut);
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("late "));
  }

  @Test
  void killedWorkerFailsTheMapWithinSecondsAndIsReplaced() {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      ProcessBackend backend = backend(2);
      try (Pool pool = Pools.on(backend)) {
        long victim = backend.pids().get(0);
        Thread killer = new Thread(() -> {
          sleep(500);
          ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
        });
        killer.start();
        long start = System.nanoTime();
        WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> pool.map(x -> {
          Thread.sleep(100);
          return x;
        }, range(200), 1));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        killer.join();
        assertEquals(victim, e.pid());
        assertTrue(e.getMessage().contains("killed by signal 9"), e.getMessage());
        assertTrue(ms < 10_000, "took " + ms + " ms");
        List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), range(20), 1);
        assertFalse(pids.contains(victim), "a new worker took the dead one's place");
      }
    });
  }

  @Test
  void workerThatExitsOrRunsOutOfMemoryFailsItsTask() {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      try (Pool pool = Pool.processes(1)) {
        WorkerDiedException exit = assertThrows(WorkerDiedException.class, () -> pool.map(x -> {
          System.exit(7);
          return x;
        }, List.of(1)));
        assertTrue(exit.getMessage().contains("exit code 7"), exit.getMessage());
        WorkerDiedException oom = assertThrows(WorkerDiedException.class,
            () -> pool.map(x -> new long[Integer.MAX_VALUE].length, List.of(1))); // over any heap: fails at once
        assertTrue(oom.getMessage().contains("OutOfMemoryError"), oom.getMessage());
        assertEquals(List.of(1), pool.map(x -> x, List.of(1)));
      }
    });
  }

  @Test
  void closeAndTerminateLeaveNoProcess() {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      ProcessBackend closedBackend = backend(2);
      Pool closed = Pools.on(closedBackend);
      closed.map(x -> x, range(4));
      List<Long> closedPids = closedBackend.pids();
      closed.close();
      closedPids.forEach(pid -> assertFalse(alive(pid), "worker " + pid + " after close"));
      IllegalStateException used = assertThrows(IllegalStateException.class, () -> closed.map(x -> x, range(4)));
      assertEquals("this pool is closed", used.getMessage());

      ProcessBackend terminatedBackend = backend(2);
      Pool terminated = Pools.on(terminatedBackend);
      List<Long> pids = terminatedBackend.pids();
      AsyncResult<Object> running = terminated.applyAsync(() -> {
        Thread.sleep(60_000);
        return null;
      });
      terminated.terminate(); // returns once the workers ended
      assertEquals("the pool was terminated before the task for item 0 finished",
          assertThrows(CancellationException.class, running::get).getMessage());
      pids.forEach(pid -> assertFalse(alive(pid), "worker " + pid + " after terminate"));
      assertThrows(IllegalStateException.class, () -> terminated.apply(() -> 1));
    });
  }

  @Test
  void aPoolNobodyClosedEndsItsWorkersOnceItIsGarbage() {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      ProcessBackend backend = backend(2);
      Pools.on(backend); // as when a cell that made a pool runs again
      List<Long> pids = backend.pids();
      for (int i = 0; i < 200 && pids.stream().anyMatch(ProcessPoolTest::alive); i++) {
        System.gc();
        Thread.sleep(100);
      }
      pids.forEach(pid -> assertFalse(alive(pid), "worker " + pid + " of a lost pool"));
    });
  }

  @Test
  void workersEndWhenTheParentJvmIsKilled() {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      Process parent = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), PoolParentMain.class.getName())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try {
        String line = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8)).readLine();
        List<Long> pids = List.of(line.split(",")).stream().map(String::trim).map(Long::parseLong).toList();
        assertEquals(2, pids.size(), line);
        pids.forEach(pid -> assertTrue(alive(pid), "worker " + pid + " before"));
        parent.destroyForcibly().waitFor();
        for (long pid : pids) {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          while (alive(pid) && System.nanoTime() < deadline) {
            Thread.sleep(50);
          }
          assertFalse(alive(pid), "worker " + pid + " outlived its killed parent");
        }
      } finally {
        parent.destroyForcibly();
      }
    });
  }

  @Test
  void cancelInterruptsTheTaskInTheWorker() throws Exception {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      ProcessBackend backend = backend(1);
      try {
        Future<Object> sleeper = submit(backend, () -> {
          Thread.sleep(120_000);
          return null;
        });
        Thread.sleep(300);
        assertTrue(sleeper.cancel(true));
        assertEquals(42, submit(backend, () -> 42).get(), "the worker is free again: the sleep was interrupted");
      } finally {
        backend.terminate();
      }
    });
  }

  @Test
  void interruptingMapStopsItsTasksInTheWorkers() {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      try (Pool pool = Pool.processes(2)) {
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
          sleep(500);
          caller.interrupt();
        });
        interrupter.start();
        assertThrows(CancellationException.class, () -> pool.map(x -> {
          Thread.sleep(600_000);
          return x;
        }, range(10), 1));
        assertTrue(Thread.interrupted(), "map keeps the interrupt flag"); // and clears it, before join waits
        interrupter.join();
        // were the workers left sleeping, this would wait 10 minutes (the bound is for a busy machine)
        assertEquals(List.of(1), assertTimeoutPreemptively(Duration.ofSeconds(45), () -> pool.map(x -> x, List.of(1))));
      }
    });
  }

  @Test
  void initializerRunsInEachWorkerAndMaxTasksPerChildReplacesWorkers() {
    try (Pool pool = Pool.builder().workers(1).initializer(() -> InitializedState.value = 42).maxTasksPerChild(2).processes()) {
      List<Long> pids = pool.map(x -> InitializedState.value == 42 ? ProcessHandle.current().pid() : -1, range(6), 1);
      assertFalse(pids.contains(-1L), "every worker ran the initializer: " + pids);
      assertEquals(3, new HashSet<>(pids).size(), "a fresh worker after each 2 tasks: " + pids);
    }
  }

  @Test
  void aFailingInitializerFailsThatWorkersTasksClearly() {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      try (Pool pool = Pool.builder().workers(1).initializer(() -> { throw new IOException("no data here"); }).processes()) {
        PoolBrokenException e = assertThrows(PoolBrokenException.class, () -> pool.map(x -> x, List.of(1, 2)));
        assertTrue(e.getMessage().contains("initializer") && e.getMessage().contains("-process-1"), e.getMessage());
        assertEquals("no data here", e.getCause().getCause().getMessage());
        assertThrows(PoolBrokenException.class, () -> pool.apply(() -> 1), "and it does not hang");
      }
    });
  }

  @Test
  void resultsMayBeOfTheCallersClasses() throws ExecutionException, InterruptedException {
    ProcessBackend backend = backend(1);
    try {
      assertEquals(new InitializedState.Point(1, 2), submit(backend, () -> new InitializedState.Point(1, 2)).get());
      assertNotEquals(PARENT, submit(backend, () -> ProcessHandle.current().pid()).get());
    } finally {
      backend.terminate();
    }
  }

  /** Alive and not a zombie: a killed parent's children are reaped by whoever adopts them. */
  static boolean alive(long pid) {
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
      } catch (IOException e) {
        return !Files.isDirectory(Path.of("/proc")); // gone, or not Linux
      }
    }
    return false;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
