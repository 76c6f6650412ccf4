package org.learnparallel.pool.internal;

import java.io.Serializable;
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
  public Object toSend(Object result, UnaryOperator<Throwable> explain) {
    Object[] results = (Object[]) result;
    String worker = Thread.currentThread().getName();
    for (int i = 0; i < results.length; i++) {
      Object r = results[i];
      if (r instanceof ItemFailure f) {
        results[i] = new ItemFailure(f.index(), f.worker(), explain.apply(f.cause()));
      } else if (r != null && !(r instanceof Serializable)) {
        // an IllegalArgumentException, as for an item that is not Serializable; here for one item
        results[i] = new ItemFailure(start + i, worker, new IllegalArgumentException("result of type "
            + r.getClass().getName() + " is not Serializable: a worker process only receives and returns"
            + " Serializable values (return a String, a number, a record that implements Serializable)"));
      }
    }
    return results;
  }
}
