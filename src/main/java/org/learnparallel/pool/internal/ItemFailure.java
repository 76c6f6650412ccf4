package org.learnparallel.pool.internal;

import java.io.Serializable;
import org.learnparallel.pool.TaskFailedException;

/**
 * Stands, in a chunk's results, for an item whose function threw: the other items of the chunk
 * keep their results. The caller turns it into a {@link TaskFailedException}, made on its own
 * thread so that the stack trace shows the caller's code.
 */
record ItemFailure(int index, String worker, Throwable cause) implements Serializable {
  TaskFailedException toException() {
    return new TaskFailedException(index, worker, cause);
  }
}
