package org.learnparallel.pool;

import java.io.Serializable;

/**
 * The arguments of one call in {@link Pool#starmap}: Python's tuple {@code (1, 2, 3)} is
 * {@code Args.of(1, 2, 3)} here, typed, so the function receives its arguments without casts.
 *
 * <pre>{@code
 * List<Args3<Integer, Integer, Integer>> triples =
 *     List.of(Args.of(1, 2, 3), Args.of(10, 20, 30), Args.of(100, 0, -100));
 * pool.starmap((x, y, z) -> x + y + z, triples); // [6, 60, 0]
 * }</pre>
 */
public sealed interface Args extends Serializable permits Args2, Args3 {

  /** The arguments of a call to a function of two arguments. */
  static <A, B> Args2<A, B> of(A first, B second) {
    return new Args2<>(first, second);
  }

  /** The arguments of a call to a function of three arguments. */
  static <A, B, C> Args3<A, B, C> of(A first, B second, C third) {
    return new Args3<>(first, second, third);
  }
}
