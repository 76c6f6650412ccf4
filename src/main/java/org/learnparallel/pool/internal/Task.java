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

  /**
   * {@code result}, which this task returned, with the cause of each failed item passed through
   * {@code explain}: a worker process uses it to say why a notebook variable it received is null.
   * A task without items returns {@code result} as it is.
   */
  default Object explainFailures(Object result, UnaryOperator<Throwable> explain) {
    return result;
  }
}
