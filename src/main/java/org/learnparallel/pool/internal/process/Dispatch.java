package org.learnparallel.pool.internal.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.learnparallel.pool.PoolBrokenException;

/**
 * Which worker of a {@link ProcessBackend} runs each task: the least busy one with room, else the
 * task waits in a queue until a worker replies. Also whether the pool takes tasks at all (open,
 * shut down, terminated, broken), since a task must never be queued after the queue was emptied
 * for good. Decisions are made under one lock; tasks are written to the workers outside it.
 *
 * <p>Invariant: while tasks wait in the queue, no accepting worker has room. A worker gains room
 * only when a reply arrives (a task done, and maybe a deeper {@link PipelineDepth}); its reader
 * calls {@link #replied} once at the end of each burst of replies, so that one write carries the
 * tasks for the whole burst. The one exception: while its reader is inside a burst, a worker may
 * have room with tasks queued. A worker that takes a slot is given queued tasks at once
 * ({@link #takeOver}).
 */
final class Dispatch {
  private final int maxTasksPerChild;
  /** Called under the lock when a worker must be replaced: it reached its quota, or it died. */
  private final Consumer<WorkerProcess> replace;
  private final Object lock = new Object();
  // Guarded by lock, as are the sent count and accepting flag of each worker.
  private final Deque<TaskFuture<?>> queue = new ArrayDeque<>();
  private final WorkerProcess[] slots;
  private boolean shutdown;
  private boolean terminated;
  private Throwable broken;

  Dispatch(int workers, int maxTasksPerChild, Consumer<WorkerProcess> replace) {
    this.slots = new WorkerProcess[workers];
    this.maxTasksPerChild = maxTasksPerChild;
    this.replace = replace;
  }

  /** Puts a worker of the pool's start in its slot. */
  void place(WorkerProcess w) {
    synchronized (lock) {
      slots[w.slot()] = w;
    }
  }

  /** The workers now (one being replaced shows until its successor is ready). */
  List<WorkerProcess> workers() {
    synchronized (lock) {
      return List.of(slots);
    }
  }

  /** Writes the task to the least busy worker with room, or queues it. */
  void submit(TaskFuture<?> task) {
    WorkerProcess target = null;
    synchronized (lock) {
      checkOpenLocked();
      for (WorkerProcess w : slots) {
        if (w.hasRoom() && (target == null || w.load() < target.load())) {
          target = w;
        }
      }
      if (target == null) {
        queue.add(task);
      } else {
        reserve(target, task);
      }
    }
    if (target != null) {
      target.send(List.of(task));
    }
  }

  void checkOpen() {
    synchronized (lock) {
      checkOpenLocked();
    }
  }

  private void checkOpenLocked() {
    if (broken != null) {
      throw new PoolBrokenException("this pool is broken: " + broken.getMessage(), broken);
    }
    if (shutdown) {
      throw new IllegalStateException("this pool is closed");
    }
  }

  /**
   * Counts a task for {@code w} (under lock); has it replaced when it reaches its quota. False for
   * a task cancelled while queued: it is dropped.
   */
  private boolean reserve(WorkerProcess w, TaskFuture<?> task) {
    if (!task.sentTo(w)) {
      return false;
    }
    w.reserve(task);
    if (maxTasksPerChild > 0 && w.sent() == maxTasksPerChild) {
      w.stopAccepting();
      replace.accept(w);
    }
    return true;
  }

  /**
   * Called by a worker's reader at the end of a burst of replies: gives it queued tasks while it
   * has room, in that same thread, so that no other thread needs waking. After shutdown, ends a
   * worker that has nothing left to do.
   */
  void replied(WorkerProcess w) {
    List<TaskFuture<?>> next = new ArrayList<>();
    boolean end;
    synchronized (lock) {
      while (w.hasRoom() && !queue.isEmpty()) {
        TaskFuture<?> task = queue.poll();
        if (reserve(w, task)) {
          next.add(task);
        }
      }
      end = shutdown && queue.isEmpty() && w.isIdle() && w.stopAccepting();
    }
    w.send(next);
    if (end) {
      w.endInput(); // it exits at the end of its stdin
    }
  }

  /** Called when a worker died: its tasks have failed already; it is replaced unless terminated. */
  void died(WorkerProcess w) {
    synchronized (lock) {
      if (w.stopAccepting() && !terminated) {
        replace.accept(w);
      }
    }
  }

  /** Whether a worker is still wanted: the pool is open, or has queued tasks to finish. */
  boolean hasWork() {
    synchronized (lock) {
      return !(shutdown && queue.isEmpty());
    }
  }

  /**
   * Puts {@code next}, a ready replacement, in its slot and gives it queued tasks; false, with
   * {@code next} no longer accepting (its end is then no death), if no worker is wanted any more.
   */
  boolean takeOver(WorkerProcess next) {
    synchronized (lock) {
      if (shutdown && queue.isEmpty()) {
        next.stopAccepting();
        return false;
      }
      slots[next.slot()] = next;
    }
    replied(next);
    return true;
  }

  /** No new task is taken; workers end once the queue is empty and their tasks are done. */
  void shutdown() {
    synchronized (lock) {
      shutdown = true;
    }
  }

  /**
   * No new task is taken, no worker replaced; queued tasks are cancelled, or fail with
   * {@code reason} if there is one (the pool is then broken).
   */
  void stop(Throwable reason) {
    List<TaskFuture<?>> dropped;
    synchronized (lock) {
      shutdown = true;
      terminated = true;
      if (reason != null && broken == null) {
        broken = reason;
      }
      dropped = new ArrayList<>(queue);
      queue.clear();
    }
    for (TaskFuture<?> f : dropped) {
      if (reason == null) {
        f.cancel(false);
      } else {
        f.completeExceptionally(reason);
      }
    }
  }

  boolean isShutdown() {
    synchronized (lock) {
      return shutdown;
    }
  }

  boolean isTerminated() {
    synchronized (lock) {
      return terminated;
    }
  }
}
