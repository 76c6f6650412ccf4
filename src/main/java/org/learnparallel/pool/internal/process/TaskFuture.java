package org.learnparallel.pool.internal.process;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.learnparallel.pool.internal.shipping.Shared;

/**
 * The future of a task sent to a worker process; {@code cancel(true)} interrupts it there. The
 * pool's {@code whenDone} runs once it completes in any way, on the thread that completed it.
 */
final class TaskFuture<R> extends CompletableFuture<R> {
  final long id;
  final byte[] task;
  /** The values the task refers to that a worker must have received first (its call's function). */
  final List<Shared> shared;
  private volatile WorkerProcess worker;

  TaskFuture(long id, byte[] task, List<Shared> shared, Consumer<Future<R>> whenDone) {
    this.id = id;
    this.task = task;
    this.shared = shared;
    whenComplete((result, failure) -> whenDone.accept(this));
  }

  /** Marks the task as sent to {@code w}; false if it was cancelled before. */
  boolean sentTo(WorkerProcess w) {
    worker = w;
    return !isDone();
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    WorkerProcess w = worker;
    if (cancelled && mayInterruptIfRunning && w != null) {
      w.cancel(id);
    }
    return cancelled;
  }
}
