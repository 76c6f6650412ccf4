package org.learnparallel.pool;

import java.util.Objects;
import org.learnparallel.function.CheckedFunction;
import org.learnparallel.function.CheckedTriFunction;

/**
 * Three arguments for one call of a three-argument function; made by
 * {@link Args#of(Object, Object, Object)}.
 *
 * <pre>{@code
 * Args3<Integer, Integer, Integer> a = Args.of(1, 2, 3);
 * a.third();  // 3
 * }</pre>
 *
 * @param first the first argument
 * @param second the second argument
 * @param third the third argument
 */
public record Args3<A, B, C>(A first, B second, C third) implements Args {
  /** {@code fn} as a function of one {@code Args3}: what {@link Pool#starmap} maps over its items. */
  static <A, B, C, R> CheckedFunction<Args3<A, B, C>, R> spread(
      CheckedTriFunction<? super A, ? super B, ? super C, ? extends R> fn) {
    Objects.requireNonNull(fn, "the function is null");
    return args -> fn.apply(args.first(), args.second(), args.third());
  }

  @Override
  public String toString() {
    return "(" + first + ", " + second + ", " + third + ")";
  }
}
