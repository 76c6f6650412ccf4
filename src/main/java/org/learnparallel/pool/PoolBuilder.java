package org.learnparallel.pool;

import java.util.Objects;
import org.learnparallel.function.CheckedRunnable;
import org.learnparallel.pool.internal.Pools;
import org.learnparallel.pool.internal.process.ProcessBackend;

/**
 * The settings of a pool beyond its size: Python's {@code Pool(processes, initializer, initargs,
 * maxtasksperchild)}, for threads or for processes. Immutable: every setting returns a new builder,
 * so one builder can make several pools. Made by {@link Pool#builder()}.
 *
 * <pre>{@code
 * try (Pool pool = Pool.builder()
 *     .workers(2)
 *     .initializer(() -> System.out.println("starting " + Worker.current()))
 *     .maxTasksPerChild(100)
 *     .threads()) {
 *   pool.map(x -> x + 1, List.of(1, 2, 3)); // [2, 3, 4]
 * }
 * }</pre>
 */
public final class PoolBuilder {
  private static final CheckedRunnable NO_INITIALIZER = () -> {};

  private final int workers;
  private final CheckedRunnable initializer;
  private final int maxTasksPerChild; // 0: no limit

  private PoolBuilder(int workers, CheckedRunnable initializer, int maxTasksPerChild) {
    this.workers = workers;
    this.initializer = initializer;
    this.maxTasksPerChild = maxTasksPerChild;
  }

  /** One worker per processor the JVM sees, no initializer, no task limit. */
  static PoolBuilder defaults() {
    return new PoolBuilder(Runtime.getRuntime().availableProcessors(), NO_INITIALIZER, 0);
  }

  /** How many workers run tasks at once; at least 1. */
  public PoolBuilder workers(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("a pool needs at least 1 worker, got " + workers);
    }
    return new PoolBuilder(workers, initializer, maxTasksPerChild);
  }

  /**
   * Code each worker runs once before its first task, for example to open a connection it keeps.
   * If it throws, the tasks given to that worker fail with a {@link PoolBrokenException} naming
   * the worker, whose cause is what the initializer threw (Python restarts such a worker forever).
   * For worker processes it must be Serializable, as a lambda written here is.
   */
  public PoolBuilder initializer(CheckedRunnable initializer) {
    Objects.requireNonNull(initializer, "the initializer is null");
    return new PoolBuilder(workers, initializer, maxTasksPerChild);
  }

  /**
   * After this many tasks a worker ends and a fresh one takes its place, with a new name and its
   * initializer run again. A task is one chunk of items, as in Python. At least 1; no limit unless set.
   */
  public PoolBuilder maxTasksPerChild(int tasks) {
    if (tasks < 1) {
      throw new IllegalArgumentException("maxTasksPerChild must be at least 1, got " + tasks);
    }
    return new PoolBuilder(workers, initializer, tasks);
  }

  /** A pool whose workers are daemon threads of this JVM, named like {@code pool-1-worker-2}. */
  public Pool threads() {
    return Pools.threads(workers, initializer, maxTasksPerChild);
  }

  /**
   * A pool whose workers are separate JVMs, named like {@code pool-1-process-2}, each with its own
   * process id; ready when this returns. See {@link Pool#processes(int)}.
   *
   * @throws PoolBrokenException if a worker process cannot start
   * @throws IllegalArgumentException if the initializer is not Serializable
   */
  public Pool processes() {
    return Pools.on(new ProcessBackend(workers, initializer == NO_INITIALIZER ? null : initializer, maxTasksPerChild));
  }
}
