package org.learnparallel.pool;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The result of a call that returned at once ({@link Pool#mapAsync}, {@link Pool#starmapAsync},
 * {@link Pool#applyAsync}): Python's {@code AsyncResult}, with {@code wait()} named {@code await()}
 * because {@code Object.wait()} is taken.
 *
 * <pre>{@code
 * try (Pool pool = Pool.threads(2)) {
 *   AsyncResult<List<Integer>> squares = pool.mapAsync(x -> x * x, List.of(1, 2, 3))
 *       .onSuccess(r -> System.out.println("done: " + r))
 *       .onError(e -> System.out.println("failed: " + e));
 *   squares.get();            // [1, 4, 9]
 *   squares.successful();     // true
 * }
 * }</pre>
 *
 * <p>A caller interrupted while it waits in {@code get} or {@code await} (JupyterLab's "Interrupt
 * kernel") stops waiting: the call's pending tasks are cancelled, its running ones interrupted, the
 * thread's interrupt flag stays set, and a {@link java.util.concurrent.CancellationException} is
 * thrown. The pool stays usable.
 *
 * @param <T> the result type: a {@code List} for the map calls
 */
public interface AsyncResult<T> {

  /**
   * Waits for the result and returns it.
   *
   * @throws TaskFailedException if the function threw for an item; its cause is what was thrown
   * @throws java.util.concurrent.CancellationException if the caller was interrupted, or the pool
   *     terminated, before the result was ready
   * @throws WorkerDiedException if the worker process that had a task died
   * @throws PoolBrokenException if a worker could not run tasks, for example because its initializer threw
   */
  T get();

  /**
   * Like {@link #get()}, waiting at most {@code timeout}.
   *
   * @throws ResultTimeoutException if the result is not ready by then; the work goes on, and a
   *     later {@code get} may succeed
   */
  T get(Duration timeout);

  /** Whether the call has completed, successfully or not. */
  boolean ready();

  /**
   * Whether the call completed without an exception.
   *
   * @throws IllegalStateException if it is not ready yet (Python raises {@code ValueError})
   */
  boolean successful();

  /** Waits until the result is ready; unlike {@link #get()}, does not throw the call's failure. */
  void await();

  /** Waits at most {@code timeout} until the result is ready; whether it is. */
  boolean await(Duration timeout);

  /**
   * Runs {@code callback} with the result once it is ready, if the call succeeded (for the map
   * calls: the list of results). Registered before the result is ready, it runs on the worker that
   * finished the call, before {@code get} returns: keep it short. Registered later, it runs at once
   * on this thread. If it throws, that is reported as an uncaught exception of its thread.
   */
  AsyncResult<T> onSuccess(Consumer<? super T> callback);

  /**
   * Runs {@code callback} with the exception {@code get} would throw, once the result is ready, if
   * the call failed. Runs where {@link #onSuccess} callbacks do.
   */
  AsyncResult<T> onError(Consumer<? super RuntimeException> callback);
}
