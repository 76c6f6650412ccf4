package org.learnparallel.function;

import java.io.Serializable;

/**
 * A function of two arguments that may throw any exception: what {@code Pool.starmap} takes for
 * pairs of arguments.
 *
 * <pre>{@code
 * CheckedBiFunction<Integer, Integer, Integer> add = (x, y) -> x + y;
 * add.apply(1, 2); // 3
 * }</pre>
 *
 * @param <A> the first argument type
 * @param <B> the second argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface CheckedBiFunction<A, B, R> extends Serializable {
  R apply(A a, B b) throws Exception;
}
