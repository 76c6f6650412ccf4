package org.learnparallel.pool.internal;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.learnparallel.function.CheckedFunction;

/**
 * One imap or imap_unordered call: all chunks are submitted at once (as in Python) and the
 * iterator hands out results as they arrive, in input order or in completion order. A failed item
 * throws from {@code next()} at its place; the iteration can go on past it.
 */
final class ImapCall<R> implements Iterable<R>, Iterator<R> {
  private static final Object[] NONE = {};

  private record Finished(Future<Object[]> chunk, int start) {}

  private final Chunks chunks;
  private final BlockingQueue<Finished> finished; // in completion order; null for imap
  private boolean iterating;
  private int chunksTaken;
  private Object[] chunk = NONE;
  private int next;

  private ImapCall(Backend backend, int n, int chunksize, boolean inCompletionOrder, CallObserver.Factory watcher) {
    this.chunks = new Chunks(backend, n, chunksize, watcher);
    this.finished = inCompletionOrder ? new LinkedBlockingQueue<>() : null;
  }

  static <R> Iterable<R> start(Backend backend, CheckedFunction<?, ? extends R> fn, Object[] items, int chunksize,
      boolean inCompletionOrder, CallObserver.Factory watcher) {
    ImapCall<R> call = new ImapCall<>(backend, items.length, chunksize, inCompletionOrder, watcher);
    call.chunks.submit(fn, items, (f, start) -> {
      if (call.finished != null) {
        call.finished.add(new Finished(f, start));
      }
    });
    return call;
  }

  @Override
  public Iterator<R> iterator() {
    if (iterating) {
      throw new IllegalStateException("these results can be iterated once, like Python's imap");
    }
    iterating = true;
    return this;
  }

  @Override
  public boolean hasNext() {
    return next < chunk.length || chunksTaken < chunks.count();
  }

  @Override
  public R next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    if (next == chunk.length) {
      chunk = NONE; // a chunk that fails as a whole is skipped after it threw
      next = 0;
      chunk = takeChunk();
    }
    Object result = chunk[next++];
    if (result instanceof ItemFailure failure) {
      throw failure.toException();
    }
    @SuppressWarnings("unchecked")
    R r = (R) result;
    return r;
  }

  private Object[] takeChunk() {
    Finished done = finished != null ? finished.poll() : null; // a result that is there is given even when interrupted
    try {
      if (done == null) {
        done = finished != null ? finished.take() : awaitDone(chunksTaken);
      }
    } catch (InterruptedException e) {
      chunks.cancel();
      chunksTaken = chunks.count(); // nothing more will come
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for the next result; the pending tasks are cancelled");
    }
    chunksTaken++;
    return chunks.resultsOf(done.chunk(), done.start());
  }

  private Finished awaitDone(int c) throws InterruptedException {
    Future<Object[]> future = chunks.get(c);
    try {
      future.get();
    } catch (ExecutionException | CancellationException e) {
      // the outcome is read by chunks.resultsOf
    }
    return new Finished(future, chunks.start(c));
  }
}
