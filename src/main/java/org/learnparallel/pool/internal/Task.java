package org.learnparallel.pool.internal;

import java.io.Serializable;

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
}
