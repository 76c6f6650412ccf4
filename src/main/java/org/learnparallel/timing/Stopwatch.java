package org.learnparallel.timing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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

  /**
   * Times each of {@code works} with the same warm-ups and runs, interleaved: every warm-up round
   * runs each work once in order, then every measured round does (a, b, c, a, b, c, ...), so that a
   * burst of other programs' work slows all of them a little rather than one a lot. Prints one
   * summary line per work, then how much of the CPU other programs took meanwhile, and returns the
   * timings in the order given.
   *
   * <pre>{@code
   * Bench.runs(5).timeEach(Map.of("loop", () -> loop(), "pool", () -> pool()))
   * }</pre>
   */
  public List<Timing> timeEach(Map<String, ? extends CheckedRunnable> works) {
    return timeEach(works, OtherLoad.MACHINE);
  }

  List<Timing> timeEach(Map<String, ? extends CheckedRunnable> works, OtherLoad.Meter meter) {
    if (works.isEmpty()) {
      throw new IllegalArgumentException("timeEach needs at least one work to time");
    }
    List<String> labels = List.copyOf(works.keySet());
    List<Callable<?>> calls = works.values().stream().<Callable<?>>map(w -> () -> {
      w.run();
      return null;
    }).toList();
    OtherLoad.Reading before = meter.read();
    List<Timing> timings = interleaved(labels, calls, System.out::println);
    double others = OtherLoad.share(before, meter.read());
    timings = timings.stream().map(t -> t.withOthersShare(others)).toList();
    timings.forEach(t -> System.out.println(t.summary()));
    System.out.println(OtherLoad.sentence(others));
    return timings;
  }

  /** The interleaved measurement of {@link #timeEach}, printing nothing. */
  List<Timing> interleaved(List<String> labels, List<Callable<?>> works) {
    return interleaved(labels, works, round -> {});
  }

  /** The same, telling {@code rounds} a line per measured round, such as {@code round 2 of 3: a 12.1 ms, b 6.30 ms}. */
  List<Timing> interleaved(List<String> labels, List<Callable<?>> works, Consumer<String> rounds) {
    int k = works.size();
    double[][] warm = new double[k][warmups];
    for (int r = 0; r < warmups; r++) {
      for (int i = 0; i < k; i++) {
        long t0 = System.nanoTime();
        Blackhole.consume(call(works.get(i)));
        warm[i][r] = (System.nanoTime() - t0) / 1e9;
      }
    }
    double[][] wall = new double[k][runs];
    double[][] processCpu = new double[k][runs];
    double[][] threadCpu = new double[k][runs];
    for (int r = 0; r < runs; r++) {
      for (int i = 0; i < k; i++) {
        long cpu0 = Cpu.processNanos();
        long thread0 = Cpu.threadNanos();
        long t0 = System.nanoTime();
        Object result = call(works.get(i));
        long t1 = System.nanoTime();
        long thread1 = Cpu.threadNanos();
        long cpu1 = Cpu.processNanos();
        Blackhole.consume(result);
        wall[i][r] = (t1 - t0) / 1e9;
        processCpu[i][r] = Cpu.seconds(cpu0, cpu1);
        threadCpu[i][r] = Cpu.seconds(thread0, thread1);
      }
      StringBuilder line = new StringBuilder("round " + (r + 1) + " of " + runs + ":");
      for (int i = 0; i < k; i++) {
        line.append(i == 0 ? " " : ", ").append(labels.get(i)).append(' ').append(Units.duration(wall[i][r]));
      }
      rounds.accept(line.toString());
    }
    List<Timing> timings = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      timings.add(new Timing(labels.get(i), warm[i], wall[i], processCpu[i], threadCpu[i]));
    }
    return timings;
  }

  private Timing measure(String label, Callable<?> work) {
    return interleaved(List.of(label), List.of(work)).get(0);
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
