package org.learnparallel.pool.internal;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.learnparallel.function.CheckedFunction;

/**
 * One map or apply call: its chunks put their results into one pre-sized array, on the worker that
 * ran them, and the last one settles the result; no thread waits on each chunk. The first failing
 * item fails the call at once and cancels the chunks still pending, as Python's map does.
 */
final class MapCall<T> {
  private final Object[] results;
  private final Function<Object[], T> finish;
  private final AtomicInteger pendingChunks = new AtomicInteger();
  private final Chunks chunks;
  private final PendingResult<T> result;

  private MapCall(Backend backend, int n, int chunksize, Function<Object[], T> finish, CallObserver.Factory watcher) {
    this.results = new Object[n];
    this.finish = finish;
    this.chunks = new Chunks(backend, n, chunksize, watcher);
    this.result = new PendingResult<>(chunks::cancel);
  }

  /**
   * Submits {@code fn} over {@code items} in chunks; {@code finish} makes the call's value out of
   * all the results, in input order; {@code watcher}, if not null, may watch the call.
   */
  static <T> PendingResult<T> start(Backend backend, CheckedFunction<?, ?> fn, Object[] items, int chunksize,
      Function<Object[], T> finish, CallObserver.Factory watcher) {
    MapCall<T> call = new MapCall<>(backend, items.length, chunksize, finish, watcher);
    if (items.length == 0) {
      call.result.succeed(finish.apply(call.results));
      return call.result;
    }
    call.pendingChunks.set(call.chunks.count());
    call.chunks.submit(fn, items, call::chunkDone);
    return call.result;
  }

  private void chunkDone(Future<Object[]> chunk, int start) {
    Object[] out;
    try {
      out = chunks.resultsOf(chunk, start);
    } catch (RuntimeException e) {
      result.fail(() -> e);
      chunks.cancel();
      return;
    }
    for (Object o : out) {
      if (o instanceof ItemFailure failure) {
        result.fail(failure::toException);
        chunks.cancel();
        return;
      }
    }
    System.arraycopy(out, 0, results, start, out.length);
    if (pendingChunks.decrementAndGet() == 0) {
      result.succeed(finish.apply(results));
    }
  }
}
