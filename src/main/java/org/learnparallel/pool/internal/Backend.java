package org.learnparallel.pool.internal;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Where a pool's tasks run: threads of this JVM, or worker processes. The pool API (map, starmap,
 * imap, apply, the async calls, chunking, error reporting) is written once on top of this.
 *
 * <p>Contract: {@link #submit} runs the task on one worker; the future completes with its result,
 * or with an {@code ExecutionException} whose cause is what the task threw (for a process backend:
 * an equivalent exception, or a clear error when the worker died). {@code cancel(true)} on the
 * future interrupts the task if it is running.
 */
public interface Backend {

  /** How many workers run tasks at once. */
  int workers();

  /** Queues a task; throws {@code IllegalStateException} once shut down. */
  <R> Future<R> submit(Task<R> task);

  /** No new tasks; the queued ones still run; then the workers end. */
  void shutdown();

  /** No new tasks; queued ones are dropped and running ones interrupted (threads) or stopped (processes). */
  void terminate();

  /** Waits until every worker has ended; true if they all did within {@code timeout}. */
  boolean awaitTermination(Duration timeout) throws InterruptedException;

  boolean isShutdown();
}
