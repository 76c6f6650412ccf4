package org.learnparallel.pool;

/**
 * Thrown by a pool's {@code map} when the function throws for one of the items. The message names
 * the item's index and the worker; {@link #getCause()} is the exception the function threw.
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
public final class TaskFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int index;
  private final String worker;

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
