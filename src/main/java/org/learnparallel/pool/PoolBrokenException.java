package org.learnparallel.pool;

/**
 * Thrown when the pool, or the worker a task was given to, cannot run tasks: the worker's
 * initializer threw (that worker then fails every task it is given, rather than restart for ever
 * as Python's would), or a worker process could not be started (then the pool accepts no more
 * work). {@link #getCause()} is the underlying error, such as what the initializer threw.
 *
 * <pre>{@code
 * try (Pool pool = Pool.builder().workers(2).initializer(() -> { throw new IOException("no db"); }).threads()) {
 *   pool.map(x -> x, List.of(1, 2));
 * } catch (PoolBrokenException e) {
 *   e.getMessage(); // the initializer failed in worker pool-1-worker-1: java.io.IOException: no db ...
 * }
 * }</pre>
 */
public final class PoolBrokenException extends PoolException {
  private static final long serialVersionUID = 1L;

  public PoolBrokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
