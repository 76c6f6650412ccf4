package org.learnparallel.pool.internal;

import java.io.Serializable;
import java.util.function.UnaryOperator;

/**
 * A unit of work sent to a {@link Backend}: serializable, so a process backend can ship it.
 *
 * <pre>{@code
 * Task<String> where = () -> Worker.current().toString();
 * }</pre>
 */
@FunctionalInterface
public interface Task<R> extends Serializable {
  R call() throws Exception;

  /** What the task is about, for a message: {@code items 0 to 99}. */
  default String describe() {
    return "a task";
  }

  /**
   * {@code result}, which this task returned, as a worker process sends it back: for a task over
   * items, an item whose result is not Serializable becomes that item's failure (so that the caller
   * learns which item, not only that the chunk failed), and the cause of each failed item is passed
   * through {@code explain} (to say why a notebook variable the worker received is null). Other
   * tasks return {@code result} as it is.
   */
  default Object toSend(Object result, UnaryOperator<Throwable> explain) {
    return result;
  }
}
