package org.learnparallel.pool.internal;

import java.io.Serializable;
import java.util.function.UnaryOperator;
import org.learnparallel.function.CheckedFunction;

/**
 * Some consecutive items of one call, run on one worker: one task per chunk instead of one per
 * item is what makes a map of many tiny items cheap. Returns one result per item, an
 * {@link ItemFailure} where the function threw.
 *
 * <p>Errors, deliberately: a {@code StackOverflowError} (a function that recursed too deep) is its
 * item's failure like an exception, since the stack unwinds and the worker is fine. Any other
 * {@code Error} ({@code OutOfMemoryError}, a class that cannot be loaded) means the worker itself is
 * in trouble: the chunk stops there, that item and the ones not tried fail with that Error as
 * their cause, and nothing more of the chunk runs. (In a worker process an OutOfMemoryError ends
 * the process: its callers get a {@code WorkerDiedException}.)
 *
 * <p>Public for the process backend, which sends plain chunks in a short form of its own.
 *
 * @param items the chunk's items only, so that a process backend ships no more than these
 * @param start the index, in the whole input, of the first item
 */
public record Chunk<T, R>(CheckedFunction<? super T, ? extends R> fn, Object[] items, int start)
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
      } catch (Exception | StackOverflowError e) {
        results[i] = new ItemFailure(start + i, worker.getName(), e);
      } catch (Error e) { // the worker is in trouble: try no more of this chunk
        for (int j = i; j < items.length; j++) {
          results[j] = new ItemFailure(start + j, worker.getName(), e);
        }
        return results;
      }
    }
    return results;
  }

  @Override
  public String describe() {
    return items.length == 1 ? "item " + start : "items " + start + " to " + (start + items.length - 1);
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
