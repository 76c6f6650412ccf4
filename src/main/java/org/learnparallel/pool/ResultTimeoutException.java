package org.learnparallel.pool;

import java.time.Duration;

/**
 * Thrown by {@link AsyncResult#get(Duration)} when the result is not ready in time (Python's
 * {@code multiprocessing.TimeoutError}). Unchecked, so that a notebook cell or a lambda need no
 * try/catch; the work is not cancelled, so a later {@code get} may still return the result.
 *
 * <pre>{@code
 * AsyncResult<String> slow = pool.applyAsync(() -> { Thread.sleep(5_000); return "done"; });
 * try {
 *   slow.get(Duration.ofSeconds(1));
 * } catch (ResultTimeoutException e) {
 *   System.out.println(e.getMessage()); // the result was not ready within 1000 ms
 * }
 * }</pre>
 */
public final class ResultTimeoutException extends PoolException {
  private static final long serialVersionUID = 1L;

  public ResultTimeoutException(Duration timeout) {
    super("the result was not ready within " + timeout.toMillis() + " ms");
  }
}
