package org.learnparallel.pool.internal.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.learnparallel.pool.internal.Chunk;
import org.learnparallel.pool.internal.Task;
import org.learnparallel.pool.internal.shipping.ClassShipper;
import org.learnparallel.pool.internal.shipping.Shared;

/**
 * The future of a task sent to a worker process; {@code cancel(true)} interrupts it there. The
 * pool's {@code whenDone} runs once it completes in any way, on the thread that completed it.
 */
final class TaskFuture<R> extends CompletableFuture<R> {
  final long id;
  /** {@code TASK} for a serialized task, {@code CHUNK} for one in {@link ChunkForm}. */
  final Protocol.Type type;
  final byte[] task;
  /** The values the task refers to that a worker must have received first (its call's function). */
  final List<Shared> shared;
  private volatile WorkerProcess worker;

  private TaskFuture(long id, Protocol.Type type, byte[] task, List<Shared> shared, Consumer<Future<R>> whenDone) {
    this.id = id;
    this.type = type;
    this.task = task;
    this.shared = shared;
    whenComplete((result, failure) -> whenDone.accept(this));
  }

  /**
   * Serializes {@code task} here, so that a value that cannot travel fails at once: in its short
   * form if it has one, else by Java serialization.
   *
   * @throws IllegalArgumentException naming the type that is not Serializable
   */
  static <R> TaskFuture<R> of(long id, Task<R> task, ClassShipper shipper, Consumer<Future<R>> whenDone) {
    byte[] bytes = ChunkForm.write(task);
    if (bytes != null) {
      Shared fn = (Shared) ((Chunk<?, ?>) task).fn();
      shipper.writeOnce(fn, "argument");
      return new TaskFuture<>(id, Protocol.Type.CHUNK, bytes, List.of(fn), whenDone);
    }
    List<Shared> shared = new ArrayList<>(1);
    bytes = shipper.write(task, "argument", shared::add);
    return new TaskFuture<>(id, Protocol.Type.TASK, bytes, shared, whenDone);
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
