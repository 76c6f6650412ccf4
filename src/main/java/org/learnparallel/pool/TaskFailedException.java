package org.learnparallel.pool;

/**
 * Thrown when the function throws for one of the items: by {@code map} and {@code starmap}, by
 * {@code apply} (index 0), by an async result's {@code get}, and by imap's {@code next()} at the
 * failed item's place. The message names the item's index and the worker; {@link #getCause()} is
 * the exception the function threw, with the worker's stack trace, while this exception's own stack
 * trace is the caller's.
 *
 * <pre>{@code
 * try (Pool pool = Pool.threads(2)) {
 *   pool.map(x -> 10 / x, List.of(1, 0, 2));
 * } catch (TaskFailedException e) {
 *   e.index();     // 1
 *   e.getCause();  // java.lang.ArithmeticException: / by zero
 * }
 * }</pre>
 */
public final class TaskFailedException extends PoolException {
  private static final long serialVersionUID = 1L;

  private final int index;
  private final String worker;

  /** For the item at {@code index}, whose function threw {@code cause} in {@code worker}. */
  public TaskFailedException(int index, String worker, Throwable cause) {
    super("task for item " + index + " failed in worker " + worker + ": " + cause, cause);
    this.index = index;
    this.worker = worker;
  }

  /** The position, in the input, of the item whose task failed. */
  public int index() {
    return index;
  }

  /** The name of the worker that ran the failed task. */
  public String worker() {
    return worker;
  }
}
