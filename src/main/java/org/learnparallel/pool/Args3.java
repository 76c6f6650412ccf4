package org.learnparallel.pool;

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
  @Override
  public String toString() {
    return "(" + first + ", " + second + ", " + third + ")";
  }
}
