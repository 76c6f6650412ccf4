package org.learnparallel.timing;

import java.util.concurrent.Callable;
import org.learnparallel.function.CheckedRunnable;

/**
 * {@link Bench} with your own number of warm-up and measured runs. Immutable: each setter returns a
 * new stopwatch.
 *
 * <pre>{@code
 * Bench.runs(20).warmups(5).time("sum", () -> LongStream.range(0, 1_000_000).sum())
 * }</pre>
 */
public final class Stopwatch {
  static final Stopwatch DEFAULT = new Stopwatch(2, 7);

  private final int warmups;
  private final int runs;

  private Stopwatch(int warmups, int runs) {
    if (warmups < 0) {
      throw new IllegalArgumentException("warm-ups must be 0 or more, got " + warmups);
    }
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be 1 or more, got " + runs);
    }
    this.warmups = warmups;
    this.runs = runs;
  }

  /** Runs not measured first, so that the JIT compiler has compiled the work. */
  public Stopwatch warmups(int n) {
    return new Stopwatch(n, runs);
  }

  /** Measured runs. */
  public Stopwatch runs(int n) {
    return new Stopwatch(warmups, n);
  }

  /** Times {@code work}, prints a one-line summary and returns the measurements. */
  public Timing time(Callable<?> work) {
    return time("", work);
  }

  /** Times {@code work}, prints a one-line summary and returns the measurements. */
  public Timing time(CheckedRunnable work) {
    return time("", work);
  }

  /** Like {@link #time(Callable)}, with a label for the summary and for charts. */
  public Timing time(String label, Callable<?> work) {
    Timing t = measure(label, work);
    System.out.println(t.summary());
    return t;
  }

  /** Like {@link #time(CheckedRunnable)}, with a label for the summary and for charts. */
  public Timing time(String label, CheckedRunnable work) {
    return time(label, () -> {
      work.run();
      return null;
    });
  }

  private Timing measure(String label, Callable<?> work) {
    double[] warm = new double[warmups];
    for (int i = 0; i < warmups; i++) {
      long t0 = System.nanoTime();
      Blackhole.consume(call(work));
      warm[i] = (System.nanoTime() - t0) / 1e9;
    }
    double[] wall = new double[runs];
    double[] processCpu = new double[runs];
    double[] threadCpu = new double[runs];
    for (int i = 0; i < runs; i++) {
      long cpu0 = Cpu.processNanos();
      long thread0 = Cpu.threadNanos();
      long t0 = System.nanoTime();
      Object result = call(work);
      long t1 = System.nanoTime();
      long thread1 = Cpu.threadNanos();
      long cpu1 = Cpu.processNanos();
      Blackhole.consume(result);
      wall[i] = (t1 - t0) / 1e9;
      processCpu[i] = Cpu.seconds(cpu0, cpu1);
      threadCpu[i] = Cpu.seconds(thread0, thread1);
    }
    return new Timing(label, warm, wall, processCpu, threadCpu);
  }

  private static Object call(Callable<?> work) {
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt(); // keep the stop request for the cell's code
      }
      throw new IllegalStateException("the timed work threw " + e, e);
    }
  }
}
