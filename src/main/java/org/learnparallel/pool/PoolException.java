package org.learnparallel.pool;

/**
 * What a pool throws when the work, not the way it was asked for, went wrong: one catch for them
 * all. Unchecked, so that a notebook cell or a lambda need no try/catch.
 *
 * <ul>
 *   <li>{@link TaskFailedException}: the function threw for an item (or its result could not be
 *       sent back from a worker process);
 *   <li>{@link WorkerDiedException}: a worker process died while it had the task;
 *   <li>{@link ResultTimeoutException}: {@code get(timeout)} gave up waiting;
 *   <li>{@link PoolBrokenException}: the pool, or one of its workers, cannot run tasks (a worker's
 *       initializer threw, a worker process could not start).
 * </ul>
 *
 * <p>Misuse is not a {@code PoolException}: a null function is a {@code NullPointerException}, a
 * bad argument (a chunksize of 0, an item that is not Serializable for a worker process) an
 * {@code IllegalArgumentException}, a call on a closed pool an {@code IllegalStateException}. An
 * interrupted caller or a terminated pool gives a
 * {@link java.util.concurrent.CancellationException}.
 *
 * <pre>{@code
 * try (Pool pool = Pool.threads(2)) {
 *   pool.map(x -> 10 / x, List.of(1, 0, 2));
 * } catch (PoolException e) {
 *   System.out.println(e.getMessage()); // task for item 1 failed in worker pool-1-worker-2: ...
 * }
 * }</pre>
 */
public abstract sealed class PoolException extends RuntimeException
    permits TaskFailedException, WorkerDiedException, ResultTimeoutException, PoolBrokenException {
  private static final long serialVersionUID = 1L;

  PoolException(String message) {
    super(message);
  }

  PoolException(String message, Throwable cause) {
    super(message, cause);
  }
}
