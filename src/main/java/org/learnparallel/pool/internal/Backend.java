package org.learnparallel.pool.internal;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.learnparallel.function.CheckedFunction;

/**
 * Where a pool's tasks run: threads of this JVM, or worker processes. The pool API (map, starmap,
 * imap, apply, the async calls, chunking, error reporting) is written once on top of this, in
 * {@link BackendPool}.
 *
 * <p>Contract: {@link #submit} runs the task on one worker; the future completes with its result,
 * or with an {@code ExecutionException} whose cause is what the task threw (for a process backend:
 * an equivalent exception, or a clear error when the worker died). {@code cancel(true)} on the
 * future interrupts the task if it is running. Every future completes (with a result, a failure or
 * a cancellation), also when the backend is terminated: a waiting caller must never hang.
 *
 * <p>Construction: a backend takes its worker count, an initializer that each worker runs once
 * before its first task, and how many tasks a worker runs before it is replaced by a fresh one
 * (Python's {@code maxtasksperchild}; {@code 0} for no limit). If a worker's initializer throws,
 * every task given to that worker fails with a {@code PoolBrokenException} that names the
 * worker and has the initializer's exception as its cause (the worker stays: no restart loop).
 *
 * <pre>{@code
 * Backend threads = new ThreadBackend(2, () -> {}, 0);
 * Future<Integer> f = threads.submit(() -> 6 * 7, done -> System.out.println("done"));
 * f.get(); // 42
 * threads.shutdown();
 * }</pre>
 */
public interface Backend {

  /**
   * The function of one call as its tasks should hold it: a process backend sends it to each worker
   * once per call, not with every task. A thread backend uses it as it is.
   */
  default <T, R> CheckedFunction<T, R> oncePerCall(CheckedFunction<T, R> fn) {
    return fn;
  }

  /** How many workers run tasks at once. */
  int workers();

  /**
   * Queues a task; throws {@code IllegalStateException} once shut down. A task submitted by one of
   * this backend's own workers may run at once in that worker instead (the others may all be
   * waiting for it). {@code whenDone} is called
   * once with the future as soon as it completes in any way, on whichever thread completed it (a
   * worker, or a thread that cancelled it); it must be short and must not throw. It lets the pool
   * collect results and run callbacks without a thread waiting on every future.
   */
  <R> Future<R> submit(Task<R> task, Consumer<Future<R>> whenDone);

  /**
   * Throws if no task can be submitted: {@code PoolBrokenException} if the pool is broken (a
   * worker could not start), else {@code IllegalStateException} if it was shut down.
   */
  void checkOpen();

  /** No new tasks; the queued ones still run; then the workers end. */
  void shutdown();

  /**
   * No new tasks; queued ones are cancelled and running ones cancelled and interrupted (threads)
   * or stopped (processes).
   */
  void terminate();

  /**
   * The workers still alive after {@link #terminate} because their task ignores interrupts, each as
   * {@code name (what it runs, where it is now)}; empty when none (worker processes are killed).
   */
  default java.util.List<String> stuckWorkers() {
    return java.util.List.of();
  }

  /** Waits until every worker has ended; true if they all did within {@code timeout}. */
  boolean awaitTermination(Duration timeout) throws InterruptedException;

  boolean isShutdown();

  /** Whether {@link #terminate} was called: then a cancelled task was cancelled by it. */
  boolean isTerminated();
}
