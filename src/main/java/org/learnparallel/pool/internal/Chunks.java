package org.learnparallel.pool.internal;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.learnparallel.pool.PoolBrokenException;
import org.learnparallel.pool.PoolException;
import org.learnparallel.pool.TaskFailedException;
import org.learnparallel.pool.WorkerDiedException;
import org.learnparallel.function.CheckedFunction;

/**
 * The chunks of one call, submitted to a backend, and the way to cancel them all. A failing chunk
 * may cancel the call while the caller is still submitting: the volatile writes on both sides make
 * sure that no chunk escapes the cancellation.
 */
final class Chunks {
  /** Told, on the thread that completed it, that the chunk starting at {@code start} is done. */
  @FunctionalInterface
  interface Listener {
    void done(Future<Object[]> chunk, int start);
  }

  private final int chunksize;
  private final AtomicReferenceArray<Future<Object[]>> futures;
  private final Backend backend;
  private final CallObserver observer; // null when nobody watches
  private final AtomicInteger over = new AtomicInteger(); // chunks over, counted only when watched
  private volatile int submitted = -1; // known once submit has returned
  private final AtomicInteger ended = new AtomicInteger(); // callEnded is called once
  private volatile boolean cancelled;

  /** Room for the chunks of {@code n} items, to run on {@code backend}; {@code chunksize} at least 1. */
  Chunks(Backend backend, int n, int chunksize, CallObserver.Factory watcher) {
    this.backend = backend;
    this.chunksize = chunksize;
    this.futures = new AtomicReferenceArray<>((int) ((n + (long) chunksize - 1) / chunksize));
    this.observer = watcher == null || n == 0
        ? null : watcher.watch(n, futures.length(), backend.workers(), backend instanceof ThreadBackend);
  }

  /** Submits one task per chunk; stops early if the call is cancelled meanwhile. */
  <T, R> void submit(CheckedFunction<? super T, ? extends R> fn, Object[] items, Listener listener) {
    int n = items.length;
    int c = 0;
    @SuppressWarnings("unchecked")
    CheckedFunction<T, R> shared = backend.oncePerCall((CheckedFunction<T, R>) fn);
    try {
      for (int start = 0; start < n && !cancelled; c++, start += chunksize) {
        int from = start;
        Object[] part = Arrays.copyOfRange(items, from, Math.min(n, from + chunksize));
        futures.set(c, observer == null
            ? backend.submit(new Chunk<>(shared, part, from), f -> listener.done(f, from))
            : backend.submit(watched(shared, part, from), f -> {
                observer.chunkDone(from, part.length);
                countOver();
                listener.done(f, from);
              }));
      }
    } catch (RuntimeException closedMeanwhile) {
      submitted(c);
      cancel();
      throw closedMeanwhile;
    }
    submitted(c);
    if (cancelled) {
      cancel(); // those submitted after a failure cancelled the others
    }
  }

  private void submitted(int chunks) {
    if (observer != null) {
      submitted = chunks;
      if (over.get() == chunks) {
        endOnce();
      }
    }
  }

  private void countOver() {
    if (over.incrementAndGet() == submitted) {
      endOnce();
    }
  }

  private void endOnce() {
    if (ended.getAndIncrement() == 0) {
      observer.callEnded();
    }
  }

  // Only for chunks run in this JVM (the observer is not Serializable): a process worker reports
  // chunks as they end. Each run counts its items into the progress its start returned.
  private <T, R> Task<Object[]> watched(CheckedFunction<? super T, ? extends R> fn, Object[] part, int from) {
    if (!(backend instanceof ThreadBackend)) {
      return new Chunk<>(fn, part, from);
    }
    return () -> {
      CallObserver.Progress progress = observer.chunkStarted(from, part.length);
      return new Chunk<T, R>(item -> {
        try {
          return fn.apply(item);
        } finally {
          progress.itemDone();
        }
      }, part, from).call();
    };
  }

  /** How many chunks; all of them are submitted unless the call was cancelled meanwhile. */
  int count() {
    return futures.length();
  }

  /** The index, in the whole input, of the chunk's first item. */
  int start(int chunk) {
    return chunk * chunksize;
  }

  Future<Object[]> get(int chunk) {
    return futures.get(chunk);
  }

  /**
   * Cancels every chunk not yet done, interrupting those that run. From the last one back: queued
   * chunks are cancelled before the running ones are interrupted, so that a worker freed by the
   * interrupt finds no chunk of this call left to start.
   */
  void cancel() {
    cancelled = true;
    for (int c = futures.length() - 1; c >= 0; c--) {
      Future<Object[]> f = futures.get(c);
      if (f != null) {
        f.cancel(true);
      }
    }
  }

  /**
   * The results of a chunk that is done, or what its failure means to the caller: a
   * {@code CancellationException} if it was cancelled (an interrupted caller, a terminated pool), an
   * {@link WorkerDiedException} if its worker process died, the
   * {@link PoolException} it failed with otherwise, made anew on the caller's thread (a
   * {@code PoolBrokenException}: the worker's initializer threw, or a worker could not start), and a
   * {@link TaskFailedException} for the chunk's first item if its results could not be brought back
   * from a worker process (a result not Serializable deep inside, a class the caller cannot load).
   */
  Object[] resultsOf(Future<Object[]> done, int start) {
    try {
      return done.get();
    } catch (CancellationException e) {
      throw cancelled(start);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof InterruptedException) {
        throw cancelled(start);
      }
      if (e.getCause() instanceof WorkerDiedException died) { // anew, for the caller's stack trace
        throw new WorkerDiedException(died.pid(), died.getMessage() + "; item " + start + " was on it", died);
      }
      if (e.getCause() instanceof PoolBrokenException broken) {
        throw new PoolBrokenException(broken.getMessage() + "; item " + start + " was given to it", broken);
      }
      throw new TaskFailedException(start, "(a worker process; see the cause)", e.getCause());
    } catch (InterruptedException e) { // not for a future that is done; keep the flag for the caller
      Thread.currentThread().interrupt();
      throw cancelled(start);
    }
  }

  private CancellationException cancelled(int start) {
    return new CancellationException(backend.isTerminated()
        ? "the pool was terminated before the task for item " + start + " finished"
        : "the task for item " + start + " was cancelled: its caller was interrupted");
  }
}
