package org.learnparallel.pool.internal;

import java.io.Serializable;
import org.learnparallel.pool.TaskFailedException;

/**
 * Stands, in a chunk's results, for an item whose function threw: the other items of the chunk
 * keep their results. The caller turns it into a {@link TaskFailedException}, made on its own
 * thread so that the stack trace shows the caller's code.
 *
 * <pre>{@code
 * Object[] results = {1, new ItemFailure(7, "pool-1-worker-2", new ArithmeticException("/ by zero")), 9};
 * }</pre>
 */
record ItemFailure(int index, String worker, Throwable cause) implements Serializable {
  TaskFailedException toException() {
    return new TaskFailedException(index, worker, cause);
  }
}
