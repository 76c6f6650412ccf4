package org.learnparallel.timing;

/**
 * Where results go so that the JIT compiler cannot prove them unused and delete the work that made
 * them (dead-code elimination). {@link Bench} consumes what the timed work returns; call
 * {@link #consume} yourself for results made inside a loop you time.
 *
 * <pre>{@code
 * Bench.time(() -> { for (int i = 0; i < 1000; i++) Blackhole.consume(Math.sqrt(i)); })
 * }</pre>
 */
public final class Blackhole {
  // A volatile store is a side effect the JIT must keep, and so must it keep what computed the value.
  private static volatile Object sink;

  private Blackhole() {}

  /** Keeps {@code result} observable. */
  public static void consume(Object result) {
    sink = result;
  }
}
