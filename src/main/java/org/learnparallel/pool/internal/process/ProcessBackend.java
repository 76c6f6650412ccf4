package org.learnparallel.pool.internal.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
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
 * <p>How it behaves when a worker dies, cannot start, or prints: see the package documentation.
 */
public final class ProcessBackend implements Backend {
  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final int workers;
  private final int maxTasksPerChild;
  private final ClassShipper shipper = new ClassShipper(ProcessBackend.class.getClassLoader());
  private final WorkerLauncher launcher;
  /** Completes on shutdown: a replacement still starting is then awaited no longer. */
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final AtomicLong ids = new AtomicLong(Protocol.INIT_ID + 1);
  private final Object lock = new Object();
  // Guarded by lock. Invariant: while tasks wait in the queue, no accepting worker has room.
  private final Deque<TaskFuture<?>> queue = new ArrayDeque<>();
  private final WorkerProcess[] slots;
  private boolean shutdown;
  private boolean terminated;
  private Throwable broken;

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
    this.maxTasksPerChild = maxTasksPerChild;
    this.launcher = new WorkerLauncher(initializer == null ? new byte[0] : shipper.write(initTask(initializer), "initializer"));
    this.slots = new WorkerProcess[workers];
    try {
      for (int i = 0; i < workers; i++) { // all JVMs boot in parallel
        slots[i] = launch(i);
      }
      for (WorkerProcess w : slots) {
        w.awaitReady(STARTUP, new CompletableFuture<>());
      }
    } catch (IOException | InterruptedException e) {
      synchronized (lock) {
        shutdown = true;
        terminated = true; // no replacement for the workers killed now
      }
      launcher.killAll();
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
    synchronized (lock) {
      return Arrays.stream(slots).map(WorkerProcess::pid).toList();
    }
  }

  /**
   * Serializes the task here, so that a value that cannot travel fails at once, and writes it to
   * the least busy worker with room, or queues it.
   *
   * @throws IllegalArgumentException naming the type that is not Serializable
   */
  @Override
  public <R> Future<R> submit(Task<R> task, Consumer<Future<R>> whenDone) {
    Objects.requireNonNull(task, "submit: the task is null");
    checkOpen();
    TaskFuture<R> future = TaskFuture.of(ids.getAndIncrement(), task, shipper, whenDone);
    WorkerProcess target = null;
    synchronized (lock) {
      checkOpenLocked();
      for (WorkerProcess w : slots) {
        if (w.hasRoom() && (target == null || w.load() < target.load())) {
          target = w;
        }
      }
      if (target == null) {
        queue.add(future);
      } else {
        reserve(target, future);
      }
    }
    if (target != null) {
      target.send(List.of(future));
    }
    return future;
  }

  @Override
  public void checkOpen() {
    synchronized (lock) {
      checkOpenLocked();
    }
  }

  private void checkOpenLocked() {
    if (broken != null) {
      throw new PoolBrokenException("this pool is broken: " + broken.getMessage(), broken);
    }
    if (shutdown) {
      throw new IllegalStateException("this pool is closed");
    }
  }

  /**
   * Counts a task for {@code w} (under lock); starts its replacement when it reaches its quota.
   * False for a task cancelled while queued: it is dropped.
   */
  private boolean reserve(WorkerProcess w, TaskFuture<?> task) {
    if (!task.sentTo(w)) {
      return false;
    }
    w.reserve(task);
    if (maxTasksPerChild > 0 && w.sent() == maxTasksPerChild) {
      w.stopAccepting();
      replaceLater(w);
    }
    return true;
  }

  /**
   * Called by a worker's reader after each reply (and once a worker is ready): gives it queued
   * tasks while it has room, in that same thread, so that no other thread needs waking.
   */
  void replied(WorkerProcess w) {
    List<TaskFuture<?>> next = new ArrayList<>();
    boolean end;
    synchronized (lock) {
      while (w.hasRoom() && !queue.isEmpty()) {
        TaskFuture<?> task = queue.poll();
        if (reserve(w, task)) {
          next.add(task);
        }
      }
      end = shutdown && queue.isEmpty() && w.isIdle() && w.stopAccepting();
    }
    w.send(next);
    if (end) {
      w.endInput(); // it exits at the end of its stdin
    }
  }

  /** Called when a worker died: its tasks have failed already; a new worker takes its place. */
  void died(WorkerProcess w) {
    synchronized (lock) {
      if (w.stopAccepting() && !terminated) {
        replaceLater(w);
      }
    }
  }

  /** Starts a worker for the slot of {@code old}, which finishes its tasks meanwhile, then ends. */
  private void replaceLater(WorkerProcess old) {
    launcher.startReplacer(old.slot(), () -> {
      try {
        boolean idle;
        synchronized (lock) {
          idle = shutdown && queue.isEmpty();
        }
        if (idle) {
          old.retire(); // no work left for a successor: it ends after its own tasks
          return;
        }
        WorkerProcess next = launch(old.slot());
        old.retire();
        next.awaitReady(STARTUP, closed);
        boolean needed;
        synchronized (lock) {
          needed = !(shutdown && queue.isEmpty());
          if (needed) {
            slots[old.slot()] = next;
          } else {
            next.stopAccepting(); // its end is no death: no replacement for it
          }
        }
        if (needed) {
          replied(next);
        } else {
          next.process().destroy(); // closed with nothing queued: a JVM still starting ends at once
        }
      } catch (IOException e) {
        synchronized (lock) {
          if (terminated) {
            return; // killed while starting: not a failure
          }
        }
        stop(new PoolBrokenException("a worker process could not be started: " + e.getMessage(), e));
      } catch (InterruptedException e) {
        // terminate(): it kills the workers
      }
    });
  }

  @Override
  public void shutdown() {
    List<WorkerProcess> current;
    synchronized (lock) {
      shutdown = true;
      current = List.of(slots);
    }
    closed.complete(null);
    current.forEach(this::replied); // ends the idle ones; the busy ones end after their last reply
  }

  @Override
  public void terminate() {
    stop(null);
  }

  /** Stops everything; queued tasks are cancelled, or fail with {@code reason} if there is one. */
  private void stop(Throwable reason) {
    List<TaskFuture<?>> dropped;
    synchronized (lock) {
      shutdown = true;
      terminated = true;
      if (reason != null && broken == null) {
        broken = reason;
      }
      dropped = new ArrayList<>(queue);
      queue.clear();
    }
    for (TaskFuture<?> f : dropped) {
      if (reason == null) {
        f.cancel(false);
      } else {
        f.completeExceptionally(reason);
      }
    }
    closed.complete(null);
    launcher.killAll();
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return launcher.awaitEnd(timeout);
  }

  @Override
  public boolean isShutdown() {
    synchronized (lock) {
      return shutdown;
    }
  }

  @Override
  public boolean isTerminated() {
    synchronized (lock) {
      return terminated;
    }
  }

  /** For a pool's {@code toString}: {@code 2 processes pool-1-process-N, pids [5856, 5857]}. */
  @Override
  public String toString() {
    return workers + (workers == 1 ? " process " : " processes ") + launcher.namePrefix() + "N, pids " + pids();
  }

  private WorkerProcess launch(int slot) throws IOException {
    WorkerProcess w = launcher.launch(this, slot);
    boolean late;
    synchronized (lock) {
      late = terminated;
    }
    if (late) {
      w.kill(); // terminate() ran while this one was starting (or terminate() kills it)
    }
    return w;
  }

  /** Serializes what goes to the workers and finds the classes they ask for. */
  ClassShipper shipper() {
    return shipper;
  }
}
