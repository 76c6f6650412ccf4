package org.learnparallel.pool.internal;

import java.util.function.UnaryOperator;
import org.learnparallel.function.CheckedFunction;

/**
 * Some consecutive items of one call, run on one worker: one task per chunk instead of one per
 * item is what makes a map of many tiny items cheap. Returns one result per item, an
 * {@link ItemFailure} where the function threw.
 *
 * @param items the chunk's items only, so that a process backend ships no more than these
 * @param start the index, in the whole input, of the first item
 */
record Chunk<T, R>(CheckedFunction<? super T, ? extends R> fn, Object[] items, int start)
    implements Task<Object[]> {

  @Override
  public Object[] call() throws InterruptedException {
    Thread worker = Thread.currentThread();
    Object[] results = new Object[items.length];
    for (int i = 0; i < items.length; i++) {
      if (worker.isInterrupted()) { // cancelled: stop even if the function never blocks
        throw new InterruptedException("chunk cancelled at item " + (start + i));
      }
      try {
        @SuppressWarnings("unchecked")
        T item = (T) items[i];
        results[i] = fn.apply(item);
      } catch (InterruptedException e) {
        throw e;
      } catch (Throwable e) { // an Error too, such as a StackOverflowError from a recursive function
        results[i] = new ItemFailure(start + i, worker.getName(), e);
      }
    }
    return results;
  }

  @Override
  public Object explainFailures(Object result, UnaryOperator<Throwable> explain) {
    return ItemFailure.explainAll(result, explain);
  }
}
