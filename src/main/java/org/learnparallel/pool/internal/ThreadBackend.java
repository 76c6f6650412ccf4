package org.learnparallel.pool.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.learnparallel.function.CheckedRunnable;
import org.learnparallel.pool.PoolBrokenException;

/**
 * A {@link Backend} whose workers are daemon threads of this JVM, named like
 * {@code pool-1-worker-2}. Daemon, so that a pool nobody closed never keeps the JVM alive. Its own
 * worker loop rather than an {@code ExecutorService}, so that an initializer, a task limit per
 * worker and a terminate that also wakes the callers of running tasks are simple.
 *
 * <p>A task that calls its own pool (a {@code map} inside a {@code map}) has its tasks run at once
 * in its own thread, one after the other, as a {@code ForkJoinPool} worker helps with the work it
 * waits for: queued, they could wait for ever behind workers that all wait for them.
 *
 * <pre>{@code
 * Pool pool = new BackendPool(new ThreadBackend(2, () -> {}, 0)); // what Pool.threads(2) makes
 * }</pre>
 */
final class ThreadBackend implements Backend {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private enum Phase { RUNNING, SHUT_DOWN, TERMINATED }

  /** Queued once per worker by {@link #shutdown}, behind the queued tasks: a worker that takes it ends. */
  private static final Runnable STOP = () -> {};

  private final int workers;
  private final CheckedRunnable initializer;
  private final int maxTasksPerChild;
  private final String namePrefix = "pool-" + POOLS.incrementAndGet() + "-worker-";
  private final AtomicInteger workerNumbers = new AtomicInteger();
  private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final Set<WorkerThread> threads = new HashSet<>(); // guarded by this
  private volatile Phase state = Phase.RUNNING;

  /**
   * @param workers how many threads, at least 1
   * @param initializer run once by every thread before its first task
   * @param maxTasksPerChild tasks a thread runs before a fresh thread replaces it; 0 for no limit
   */
  ThreadBackend(int workers, CheckedRunnable initializer, int maxTasksPerChild) {
    this.workers = workers;
    this.initializer = initializer;
    this.maxTasksPerChild = maxTasksPerChild;
    synchronized (this) {
      for (int i = 0; i < workers; i++) {
        startWorker();
      }
    }
  }

  @Override
  public int workers() {
    return workers;
  }

  @Override
  public <R> Future<R> submit(Task<R> task, Consumer<Future<R>> whenDone) {
    Job<R> job = new Job<>(task, whenDone);
    synchronized (this) { // so that no task is queued behind the STOP markers
      checkOpen();
      if (!isOwnWorker(Thread.currentThread())) {
        queue.add(job);
        return job;
      }
    }
    job.run(); // from one of our workers: it does the work itself rather than wait for itself
    return job;
  }

  @Override
  public void checkOpen() {
    if (state != Phase.RUNNING) {
      throw new IllegalStateException("this pool is closed");
    }
  }

  @Override
  public synchronized void shutdown() {
    if (state == Phase.RUNNING) {
      state = Phase.SHUT_DOWN;
      for (int i = 0; i < workers; i++) {
        queue.add(STOP);
      }
    }
  }

  @Override
  public void terminate() {
    List<WorkerThread> running;
    synchronized (this) {
      state = Phase.TERMINATED; // before the interrupts: a worker that sees one then sees this
      running = new ArrayList<>(threads);
    }
    List<Runnable> dropped = new ArrayList<>();
    queue.drainTo(dropped);
    for (Runnable task : dropped) {
      if (task instanceof Job<?> job) {
        job.cancel(false);
      }
    }
    for (WorkerThread worker : running) {
      Job<?> job = worker.current;
      if (job != null) {
        job.cancel(true); // its caller stops waiting now, even if the task ignores the interrupt
      }
      worker.interrupt();
    }
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + saturatedNanos(timeout);
    while (true) {
      List<WorkerThread> alive;
      synchronized (this) {
        threads.removeIf(t -> !t.isAlive());
        if (threads.isEmpty()) {
          return true;
        }
        alive = new ArrayList<>(threads);
      }
      alive.remove(Thread.currentThread()); // close() from a callback: a worker cannot wait for itself
      if (alive.isEmpty()) {
        return true;
      }
      for (WorkerThread worker : alive) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedJoin(worker, left);
      }
    }
  }

  private boolean isOwnWorker(Thread t) {
    return t instanceof WorkerThread w && w.owner() == this;
  }

  @Override
  public List<String> stuckWorkers() {
    List<WorkerThread> alive;
    synchronized (this) {
      alive = threads.stream().filter(Thread::isAlive).toList();
    }
    List<String> stuck = new ArrayList<>();
    for (WorkerThread w : alive) {
      Job<?> job = w.current;
      StackTraceElement[] stack = w.getStackTrace();
      stuck.add(w.getName() + " (running " + (job == null ? "no task" : job.task.describe())
          + (stack.length == 0 ? "" : ", now at " + stack[0]) + ")");
    }
    return stuck;
  }

  @Override
  public boolean isShutdown() {
    return state != Phase.RUNNING;
  }

  @Override
  public boolean isTerminated() {
    return state == Phase.TERMINATED;
  }

  @Override
  public String toString() {
    return workers + (workers == 1 ? " thread " : " threads ") + namePrefix + "N";
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  /** Called holding the lock, so that {@link #awaitTermination} never misses a thread. */
  private void startWorker() {
    threads.removeIf(t -> !t.isAlive()); // threads retired by maxTasksPerChild
    WorkerThread worker = new WorkerThread(namePrefix + workerNumbers.incrementAndGet());
    worker.start();
    threads.add(worker);
  }

  private final class WorkerThread extends Thread {
    volatile Job<?> current;

    WorkerThread(String name) {
      super(name);
      setDaemon(true);
    }

    ThreadBackend owner() {
      return ThreadBackend.this;
    }

    @Override
    public void run() {
      PoolBrokenException initFailure = initialize();
      int tasksRun = 0;
      // checked before every take: an interrupt from terminate may have been used up by the
      // initializer or a task, and after a terminate no STOP marker comes
      while (state != Phase.TERMINATED) {
        Runnable task;
        try {
          task = queue.take();
        } catch (InterruptedException e) {
          continue; // terminated, or a late cancel(true) of a finished task
        }
        if (task == STOP) {
          return;
        }
        Job<?> job = (Job<?>) task;
        if (state == Phase.TERMINATED) {
          job.cancel(false);
          return;
        }
        if (job.isCancelled()) {
          continue; // cancelled while queued: not a task this worker ran
        }
        current = job;
        if (initFailure != null) {
          job.fail(initFailure);
        } else {
          runReporting(job);
        }
        current = null;
        Thread.interrupted(); // a cancel(true) that came late must not hit the next task
        if (++tasksRun == maxTasksPerChild) {
          retire();
          return;
        }
      }
    }

    private PoolBrokenException initialize() {
      try {
        initializer.run();
        return null;
      } catch (Throwable e) { // also an Error: the worker must stay to report it
        return new PoolBrokenException("the initializer failed in worker " + getName() + ": " + e, e);
      }
    }

    private void runReporting(Job<?> job) {
      try {
        job.run();
      } catch (Throwable bug) { // thrown by whenDone: report it, keep the worker alive
        getUncaughtExceptionHandler().uncaughtException(this, bug);
      }
    }

    private void retire() {
      synchronized (ThreadBackend.this) {
        if (state != Phase.TERMINATED) {
          startWorker(); // the new thread takes this one's place, and its STOP marker if shut down
        }
      }
    }
  }

  /** A queued task: tells the pool when it is done, without a thread waiting on it. */
  private static final class Job<R> extends FutureTask<R> {
    private final Consumer<Future<R>> whenDone;
    final Task<R> task;

    Job(Task<R> task, Consumer<Future<R>> whenDone) {
      super(task::call);
      this.task = task;
      this.whenDone = whenDone;
    }

    @Override
    protected void done() {
      whenDone.accept(this);
    }

    void fail(Throwable cause) {
      setException(cause);
    }
  }
}
