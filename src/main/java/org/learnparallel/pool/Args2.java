package org.learnparallel.pool;

import java.util.Objects;
import org.learnparallel.function.CheckedBiFunction;
import org.learnparallel.function.CheckedFunction;

/**
 * Two arguments for one call of a two-argument function; made by {@link Args#of(Object, Object)}.
 *
 * <pre>{@code
 * Args2<String, Integer> a = Args.of("x", 2);
 * a.first();  // "x"
 * }</pre>
 *
 * @param first the first argument
 * @param second the second argument
 */
public record Args2<A, B>(A first, B second) implements Args {
  /** {@code fn} as a function of one {@code Args2}: what {@link Pool#starmap} maps over its items. */
  static <A, B, R> CheckedFunction<Args2<A, B>, R> spread(CheckedBiFunction<? super A, ? super B, ? extends R> fn) {
    Objects.requireNonNull(fn, "the function is null");
    return args -> fn.apply(args.first(), args.second());
  }

  @Override
  public String toString() {
    return "(" + first + ", " + second + ")";
  }
}
