package org.learnparallel.function;

import java.io.Serializable;

/**
 * A function of three arguments that may throw any exception: what {@code Pool.starmap} takes for
 * triples of arguments.
 *
 * <pre>{@code
 * CheckedTriFunction<Integer, Integer, Integer, Integer> add = (x, y, z) -> x + y + z;
 * add.apply(1, 2, 3); // 6
 * }</pre>
 *
 * @param <A> the first argument type
 * @param <B> the second argument type
 * @param <C> the third argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface CheckedTriFunction<A, B, C, R> extends Serializable {
  R apply(A a, B b, C c) throws Exception;
}
