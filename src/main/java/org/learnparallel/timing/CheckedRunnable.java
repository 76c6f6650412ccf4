package org.learnparallel.timing;

/**
 * Work that returns nothing and may throw any exception, so that a cell can time
 * {@code () -> Thread.sleep(100)} without a try/catch.
 *
 * <pre>{@code
 * Bench.time(() -> Thread.sleep(100))
 * }</pre>
 */
@FunctionalInterface
public interface CheckedRunnable {
  void run() throws Exception;
}
