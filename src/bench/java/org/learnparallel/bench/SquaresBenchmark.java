package org.learnparallel.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Many tiny tasks: squaring {@code n} numbers. A square costs about a nanosecond, so what these
 * benchmarks measure is what a pool adds around the work: cutting the list into chunks, queueing
 * them, waking the workers, gathering the results in order.
 *
 * <p>The first trap: comparing pools that chunk differently. A pool that sends 8 chunks and one
 * that sends 100,000 single items do different amounts of bookkeeping, whatever the language. So
 * each pool runs twice, in the same chunks as its baselines: the default chunking of Python's
 * {@code Pool.map} ({@code ceil(n / (4 * workers))} items a chunk), and one task per item, which
 * shows the per-item overhead. Every run returns the list of squares, which is read, so the JIT
 * cannot drop the work; the pools live for the whole trial, so starting them is not counted.
 *
 * <p>The second trap: a ratio of two times measured apart. Timed as separate JMH benchmarks, the
 * pool and {@code invokeAll} run tens of seconds apart, and on a virtual machine whose speed moves
 * by a fifth from one second to the next that drift went into "Pool.map ÷ invokeAll" (1.05× to
 * 1.22× in runs of the same code). So one JVM runs every contender in rounds, as
 * {@link CpuBoundBenchmark} does: each iteration calls each one, in a shuffled order, for about
 * {@value #RUN_MS} ms (at least once) and records its mean time a call; report.py takes the medians
 * of the rounds' ratios.
 *
 * <p>The parallel stream runs in the common fork-join pool: {@code availableProcessors() - 1}
 * threads plus the caller, whatever {@code workers} says.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 40)
@Fork(1)
@State(Scope.Benchmark)
public class SquaresBenchmark extends Contenders {
  /** How long each contender runs in a round: many calls of the chunked map, one of the slowest. */
  static final long RUN_MS = 100;

  @Param("100000")
  public int n;

  private List<Long> items;
  /** The order of each round's runs: shuffled, the same in every trial. */
  private final Random order = new Random(3);

  static Long square(Long x) {
    return x * x;
  }

  /** One round's figures: each contender's mean time a call, in µs (JMH reports each iteration's). */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Round {
    /** Default chunks: a loop, Pool.map on threads and processes, invokeAll, a parallel stream. */
    public double loopUs, poolUs, processesUs, invokeAllUs, streamUs;
    /** A task per item: Pool.map(..., 1) on threads and processes, invokeAll of one task an item. */
    public double poolChunksize1Us, processesChunksize1Us, invokeAllChunksize1Us;

    @Setup(Level.Iteration)
    public void clear() {
      loopUs = poolUs = processesUs = invokeAllUs = streamUs = 0;
      poolChunksize1Us = processesChunksize1Us = invokeAllChunksize1Us = 0;
    }

    void set(String run, double us) {
      switch (run) {
        case "loop" -> loopUs = us;
        case "pool" -> poolUs = us;
        case "processes" -> processesUs = us;
        case "invokeAll" -> invokeAllUs = us;
        case "stream" -> streamUs = us;
        case "poolChunksize1" -> poolChunksize1Us = us;
        case "processesChunksize1" -> processesChunksize1Us = us;
        case "invokeAllChunksize1" -> invokeAllChunksize1Us = us;
        default -> throw new IllegalArgumentException(run);
      }
    }
  }

  @Setup(Level.Trial)
  public void makeItems() {
    items = LongStream.range(0, n).boxed().toList();
  }

  @Benchmark
  public long round(Round r) throws Exception {
    Map<String, Callable<List<Long>>> runs = new LinkedHashMap<>();
    runs.put("loop", this::loop);
    runs.put("pool", () -> threads.map(SquaresBenchmark::square, items));
    runs.put("processes", () -> processes.map(SquaresBenchmark::square, items));
    runs.put("invokeAll", this::invokeAll);
    runs.put("stream", () -> items.parallelStream().map(SquaresBenchmark::square).toList());
    runs.put("poolChunksize1", () -> threads.map(SquaresBenchmark::square, items, 1));
    runs.put("processesChunksize1", () -> processes.map(SquaresBenchmark::square, items, 1));
    runs.put("invokeAllChunksize1", this::invokeAllChunksize1);
    List<String> names = new ArrayList<>(runs.keySet());
    Collections.shuffle(names, order); // no contender always first, or always after another
    long sum = 0;
    for (String name : names) {
      Callable<List<Long>> run = runs.get(name);
      long calls = 0;
      long start = System.nanoTime();
      long elapsed;
      do {
        List<Long> out = run.call();
        sum += out.get(out.size() - 1); // read: the work is not dead
        calls++;
        elapsed = System.nanoTime() - start;
      } while (elapsed < TimeUnit.MILLISECONDS.toNanos(RUN_MS));
      r.set(name, elapsed / 1e3 / calls);
    }
    return sum;
  }

  private List<Long> loop() {
    List<Long> out = new ArrayList<>(items.size());
    for (Long x : items) {
      out.add(square(x));
    }
    return out;
  }

  /** {@code invokeAll} of the chunks {@code Pool.map} makes by default. */
  private List<Long> invokeAll() throws InterruptedException, ExecutionException {
    int chunk = Math.max(1, (n + 4 * workers - 1) / (4 * workers));
    List<Callable<List<Long>>> tasks = new ArrayList<>();
    for (int from = 0; from < n; from += chunk) {
      List<Long> slice = items.subList(from, Math.min(n, from + chunk));
      tasks.add(() -> {
        List<Long> out = new ArrayList<>(slice.size());
        for (Long x : slice) {
          out.add(square(x));
        }
        return out;
      });
    }
    List<Long> results = new ArrayList<>(n);
    jdkInvokeAll(tasks).forEach(results::addAll);
    return results;
  }

  /** {@code invokeAll} of one task per item. */
  private List<Long> invokeAllChunksize1() throws InterruptedException, ExecutionException {
    List<Callable<Long>> tasks = new ArrayList<>(n);
    for (Long x : items) {
      tasks.add(() -> square(x));
    }
    return jdkInvokeAll(tasks);
  }
}
