package org.learnparallel.function;

import java.io.Serializable;

/**
 * A function of one argument that may throw any exception, so that a method such as
 * {@code Files::readString} can be passed to {@code Pool.map} without a try/catch wrapper.
 * Serializable, so that a lambda written in a notebook cell can also be shipped to a worker process.
 *
 * <pre>{@code
 * CheckedFunction<Integer, Integer> square = x -> x * x;
 * square.apply(3); // 9
 * }</pre>
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface CheckedFunction<T, R> extends Serializable {
  R apply(T t) throws Exception;
}
