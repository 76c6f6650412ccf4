package org.learnparallel.pool.internal.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.learnparallel.function.CheckedFunction;
import org.learnparallel.function.CheckedRunnable;
import org.learnparallel.pool.PoolBrokenException;
import org.learnparallel.pool.internal.Backend;
import org.learnparallel.pool.internal.Task;
import org.learnparallel.pool.internal.shipping.ClassShipper;

/**
 * A {@link Backend} whose workers are separate JVMs (same java binary, same classpath), each
 * talking to this process over its stdin and stdout only. Tasks, their results and their
 * exceptions travel serialized (numbers and strings in a short form, anything else by Java
 * serialization); classes a worker lacks, such as those of a notebook's cells, travel as bytecode
 * on request.
 *
 * <pre>{@code
 * Pool pool = Pools.on(new ProcessBackend(2, null, 0)); // what Pool.processes(2) makes
 * }</pre>
 *
 * <p>Which worker runs a task is {@link Dispatch}'s choice; this class starts and replaces the
 * workers. How it behaves when a worker dies, cannot start, or prints: see the package
 * documentation.
 */
public final class ProcessBackend implements Backend {
  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final int workers;
  private final ClassShipper shipper = new ClassShipper(ProcessBackend.class.getClassLoader());
  private final Dispatch dispatch;
  private final WorkerLauncher launcher;
  /** Completes on shutdown: a replacement still starting is then awaited no longer. */
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final AtomicLong ids = new AtomicLong(Protocol.INIT_ID + 1);

  /**
   * Starts {@code workers} worker processes at once and waits until each is ready.
   *
   * @param workers how many processes, at least 1
   * @param initializer run once in each worker before its first task (also in a replacement), or
   *     null for none (a worker is then ready sooner: see {@code WorkerMain})
   * @param maxTasksPerChild a worker is replaced by a fresh one after this many tasks; 0 for never
   * @throws PoolBrokenException if a worker cannot start
   * @throws IllegalArgumentException if the initializer is not Serializable
   */
  public ProcessBackend(int workers, CheckedRunnable initializer, int maxTasksPerChild) {
    this.workers = workers;
    this.dispatch = new Dispatch(workers, maxTasksPerChild, this::replaceLater);
    this.launcher = new WorkerLauncher(shipper,
        initializer == null ? new byte[0] : shipper.write(initTask(initializer), "initializer"));
    try {
      for (int i = 0; i < workers; i++) { // all JVMs boot in parallel
        dispatch.place(launch(i));
      }
      for (WorkerProcess w : dispatch.workers()) {
        w.awaitReady(STARTUP, new CompletableFuture<>());
      }
    } catch (IOException | InterruptedException e) {
      stop(null); // no replacement for the workers killed now
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new PoolBrokenException("could not start the worker processes: " + e.getMessage(), e);
    }
  }

  private static Task<Void> initTask(CheckedRunnable initializer) {
    return () -> {
      initializer.run();
      return null;
    };
  }

  @Override
  public <T, R> CheckedFunction<T, R> oncePerCall(CheckedFunction<T, R> fn) {
    return new OnceFunction<>(fn);
  }

  @Override
  public int workers() {
    return workers;
  }

  /** The process ids of the workers now (one being replaced shows until its successor is ready). */
  List<Long> pids() {
    return dispatch.workers().stream().map(WorkerProcess::pid).toList();
  }

  /**
   * Serializes the task here, so that a value that cannot travel fails at once, and hands it to
   * {@link Dispatch}: the least busy worker with room gets it, or it is queued.
   *
   * @throws IllegalArgumentException naming the type that is not Serializable
   */
  @Override
  public <R> Future<R> submit(Task<R> task, Consumer<Future<R>> whenDone) {
    Objects.requireNonNull(task, "submit: the task is null");
    checkOpen();
    TaskFuture<R> future = TaskFuture.of(ids.getAndIncrement(), task, shipper, whenDone);
    dispatch.submit(future);
    return future;
  }

  @Override
  public void checkOpen() {
    dispatch.checkOpen();
  }

  /** Starts a worker for the slot of {@code old}, which finishes its tasks meanwhile, then ends. */
  private void replaceLater(WorkerProcess old) {
    launcher.startReplacer(old.slot(), () -> {
      try {
        if (!dispatch.hasWork()) {
          old.retire(); // no work left for a successor: it ends after its own tasks
          return;
        }
        WorkerProcess next = launch(old.slot());
        old.retire();
        next.awaitReady(STARTUP, closed);
        if (!dispatch.takeOver(next)) {
          next.process().destroy(); // closed with nothing queued: a JVM still starting ends at once
        }
      } catch (IOException e) {
        if (dispatch.isTerminated()) {
          return; // killed while starting: not a failure
        }
        stop(new PoolBrokenException("a worker process could not be started: " + e.getMessage(), e));
      } catch (InterruptedException e) {
        // terminate(): it kills the workers
      }
    });
  }

  @Override
  public void shutdown() {
    dispatch.shutdown();
    closed.complete(null);
    dispatch.workers().forEach(dispatch::replied); // ends the idle ones; the busy ones after their last reply
  }

  @Override
  public void terminate() {
    stop(null);
  }

  /** Stops everything; queued tasks are cancelled, or fail with {@code reason} if there is one. */
  private void stop(Throwable reason) {
    dispatch.stop(reason);
    closed.complete(null);
    launcher.killAll();
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return launcher.awaitEnd(timeout);
  }

  @Override
  public boolean isShutdown() {
    return dispatch.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return dispatch.isTerminated();
  }

  /** For a pool's {@code toString}: {@code 2 processes pool-1-process-N, pids [5856, 5857]}. */
  @Override
  public String toString() {
    return workers + (workers == 1 ? " process " : " processes ") + launcher.namePrefix() + "N, pids " + pids();
  }

  private WorkerProcess launch(int slot) throws IOException {
    WorkerProcess w = launcher.launch(dispatch, slot);
    if (dispatch.isTerminated()) {
      w.kill(); // terminate() ran while this one was starting (or terminate() kills it)
    }
    return w;
  }
}
