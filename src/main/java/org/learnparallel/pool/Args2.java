package org.learnparallel.pool;

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
  @Override
  public String toString() {
    return "(" + first + ", " + second + ")";
  }
}
