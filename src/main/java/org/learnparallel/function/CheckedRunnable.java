package org.learnparallel.function;

import java.io.Serializable;

/**
 * Code without arguments or result that may throw any exception: a pool's initializer, which
 * every worker runs once before its first task (Python's {@code initializer} and {@code initargs}:
 * capture the arguments in the lambda).
 *
 * <pre>{@code
 * CheckedRunnable greet = () -> System.out.println("ready: " + Worker.current());
 * Pool pool = Pool.builder().workers(2).initializer(greet).threads();
 * }</pre>
 */
@FunctionalInterface
public interface CheckedRunnable extends Serializable {
  void run() throws Exception;
}
