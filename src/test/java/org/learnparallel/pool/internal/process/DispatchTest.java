package org.learnparallel.pool.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learnparallel.pool.PoolBrokenException;
import org.learnparallel.pool.internal.Task;
import org.learnparallel.pool.internal.shipping.ClassShipper;

/**
 * {@link Dispatch} on real worker processes whose tasks wait for a gate (a file) to open: until it
 * opens, no reply comes, so what each worker holds and what waits can be read without a race.
 */
class DispatchTest {
  private static final long WAIT = 60; // seconds; only there so that a bug fails instead of hanging

  @TempDir
  Path dir;
  private final ClassShipper shipper = new ClassShipper(DispatchTest.class.getClassLoader());
  private final WorkerLauncher launcher = new WorkerLauncher(shipper, new byte[0]);
  private final List<WorkerProcess> replaced = new CopyOnWriteArrayList<>();
  private long ids = Protocol.INIT_ID + 1;
  private Dispatch dispatch;

  private Dispatch start(int workers, int maxTasksPerChild, Consumer<WorkerProcess> replace) throws Exception {
    dispatch = new Dispatch(workers, maxTasksPerChild, replace);
    for (int i = 0; i < workers; i++) {
      dispatch.place(launcher.launch(dispatch, i));
    }
    for (WorkerProcess w : dispatch.workers()) {
      w.awaitReady(Duration.ofSeconds(WAIT), new CompletableFuture<>());
    }
    return dispatch;
  }

  @AfterEach
  void killWorkers() throws InterruptedException {
    if (dispatch != null) {
      dispatch.stop(null); // no replacement for the workers killed now
    }
    launcher.killAll();
    assertTrue(launcher.awaitEnd(Duration.ofSeconds(WAIT)), "a worker process outlived the test");
  }

  /** A task that returns its worker's pid once the gate is open. */
  private TaskFuture<Long> submitGated() {
    String gate = dir.resolve("open").toString();
    Task<Long> task = () -> {
      while (!Files.exists(Path.of(gate))) {
        Thread.sleep(2);
      }
      return ProcessHandle.current().pid();
    };
    TaskFuture<Long> f = TaskFuture.of(ids++, task, shipper, done -> {});
    dispatch.submit(f);
    return f;
  }

  private void openGate() throws Exception {
    Files.createFile(dir.resolve("open"));
  }

  private List<Integer> loads() {
    return dispatch.workers().stream().map(WorkerProcess::load).toList();
  }

  @Test
  void aTaskGoesToTheLeastBusyWorkerAndWaitsOnlyWhileNoWorkerHasRoom() throws Exception {
    start(2, 0, replaced::add);
    List<TaskFuture<Long>> tasks = new ArrayList<>(List.of(submitGated(), submitGated()));
    assertEquals(List.of(1, 1), loads(), "the second task goes to the idle worker, not behind the first");
    for (int i = 2; i < 20; i++) {
      tasks.add(submitGated());
    }
    // no reply yet: each worker holds its running task and one sent ahead; the other 16 wait
    assertEquals(List.of(PipelineDepth.LONG, PipelineDepth.LONG), loads());
    for (WorkerProcess w : dispatch.workers()) {
      assertFalse(w.hasRoom(), "tasks wait while worker " + w.slot() + " has room");
    }
    openGate();
    Set<Long> pids = new HashSet<>();
    for (TaskFuture<Long> t : tasks) {
      pids.add(t.get(WAIT, TimeUnit.SECONDS)); // the waiting ones went out as replies came
    }
    assertEquals(Set.copyOf(dispatch.workers().stream().map(WorkerProcess::pid).toList()), pids);
    assertEquals(List.of(0, 0), loads());
    assertEquals(List.of(), replaced);
  }

  @Test
  void aWorkerAtItsQuotaTakesNoMoreAndIsHandedOverForReplacement() throws Exception {
    start(1, 2, replaced::add);
    WorkerProcess w = dispatch.workers().get(0);
    TaskFuture<Long> first = submitGated();
    assertEquals(List.of(), replaced);
    TaskFuture<Long> second = submitGated();
    assertEquals(List.of(w), replaced, "its second task is its last");
    assertFalse(w.hasRoom());
    TaskFuture<Long> third = submitGated();
    assertEquals(2, w.load(), "the third task waits for the replacement");
    RuntimeException reason = new RuntimeException("the replacement could not start");
    dispatch.stop(reason);
    ExecutionException failed = assertThrows(ExecutionException.class, () -> third.get(WAIT, TimeUnit.SECONDS));
    assertSame(reason, failed.getCause(), "a waiting task fails with the reason the pool broke");
    PoolBrokenException broken = assertThrows(PoolBrokenException.class, this::submitGated);
    assertSame(reason, broken.getCause());
    openGate();
    assertEquals(w.pid(), first.get(WAIT, TimeUnit.SECONDS), "tasks sent before still finish");
    assertEquals(w.pid(), second.get(WAIT, TimeUnit.SECONDS));
  }

  @Test
  void afterShutdownTheWaitingTasksStillRunThenTheWorkerEnds() throws Exception {
    start(1, 0, replaced::add);
    WorkerProcess w = dispatch.workers().get(0);
    List<TaskFuture<Long>> tasks = List.of(submitGated(), submitGated(), submitGated());
    dispatch.shutdown();
    assertThrows(IllegalStateException.class, this::submitGated);
    dispatch.replied(w); // as ProcessBackend.shutdown() does: a busy worker is not ended
    assertTrue(w.process().isAlive());
    openGate();
    for (TaskFuture<Long> t : tasks) {
      assertEquals(w.pid(), t.get(WAIT, TimeUnit.SECONDS));
    }
    assertTrue(w.process().waitFor(WAIT, TimeUnit.SECONDS), "the worker ends once nothing is left for it");
    assertEquals(0, w.process().exitValue());
    assertEquals(List.of(), replaced);
  }
}
