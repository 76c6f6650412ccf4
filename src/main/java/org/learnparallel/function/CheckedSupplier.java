package org.learnparallel.function;

import java.io.Serializable;

/**
 * A computation without arguments that may throw any exception: what {@code Pool.apply} and
 * {@code Pool.applyAsync} take when the task needs no input.
 *
 * <pre>{@code
 * CheckedSupplier<String> hello = () -> "hello from " + Worker.current();
 * pool.apply(hello); // "hello from pid 5856, thread pool-1-worker-1"
 * }</pre>
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface CheckedSupplier<R> extends Serializable {
  R get() throws Exception;
}
