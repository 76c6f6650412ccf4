package org.learnparallel.pool;

/**
 * Where a piece of code runs: the operating-system process id and the name of the thread (in a
 * thread pool, the worker's name, such as {@code pool-1-worker-2}; in a pool of worker processes, the
 * worker process's own pid and {@code pool-1-process-2}). Python's tutorial prints
 * {@code os.getpid()}; print {@code Worker.current()} for the same lesson in Java.
 *
 * <pre>{@code
 * try (Pool pool = Pool.threads(2)) {
 *   pool.map(x -> "item " + x + " ran in " + Worker.current(), List.of(1, 2, 3));
 *   // [item 1 ran in pid 5856, thread pool-1-worker-1, ...]
 * }
 * }</pre>
 *
 * @param pid the process id, as {@code ps} or the task manager shows it
 * @param name the thread's name, for example {@code pool-1-worker-2} or {@code pool-1-process-2}
 */
public record Worker(long pid, String name) {

  /** Where the calling code runs now. */
  public static Worker current() {
    return new Worker(ProcessHandle.current().pid(), Thread.currentThread().getName());
  }

  @Override
  public String toString() {
    return "pid " + pid + ", thread " + name;
  }
}
