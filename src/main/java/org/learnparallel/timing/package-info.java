/**
 * Measuring in a notebook: {@link org.learnparallel.timing.Bench} times code as {@code %timeit}
 * does and returns a {@link org.learnparallel.timing.Timing};
 * {@link org.learnparallel.timing.SpeedupStudy} measures speed-up over 1..k workers;
 * {@link org.learnparallel.timing.Timeline} draws which task ran when on which thread;
 * {@link org.learnparallel.timing.Amdahl} gives the ideal curve.
 *
 * <pre>{@code
 * Bench.time("sum", () -> LongStream.range(0, 50_000_000).sum())
 * }</pre>
 */
package org.learnparallel.timing;
