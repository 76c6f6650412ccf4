package org.learnparallel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Many tiny tasks: squaring {@code n} numbers. A square costs about a nanosecond, so what these
 * benchmarks measure is what a pool adds around the work: cutting the list into chunks, queueing
 * them, waking the workers, gathering the results in order.
 *
 * <p>The trap: comparing pools that chunk differently. A pool that sends 8 chunks and one that
 * sends 100,000 single items do different amounts of bookkeeping, whatever the language. So each
 * pool runs twice, in the same chunks as its baselines: the default chunking of Python's
 * {@code Pool.map} ({@code ceil(n / (4 * workers))} items a chunk), and one task per item, which
 * shows the per-item overhead. Every benchmark returns the list of squares, so the JIT cannot drop
 * the work, and the pools live for the whole trial, so starting threads is not counted.
 *
 * <p>The parallel stream runs in the common fork-join pool: {@code availableProcessors() - 1}
 * threads plus the caller, whatever {@code workers} says.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class SquaresBenchmark {
  @Param("100000")
  public int n;

  private List<Long> items;

  @Setup
  public void makeItems() {
    items = LongStream.range(0, n).boxed().toList();
  }

  static Long square(Long x) {
    return x * x;
  }

  @Benchmark
  public List<Long> loop() {
    List<Long> out = new ArrayList<>(items.size());
    for (Long x : items) {
      out.add(square(x));
    }
    return out;
  }

  @Benchmark
  public List<Long> poolMap(PoolState p) {
    return p.pool.map(SquaresBenchmark::square, items);
  }

  /** {@code invokeAll} of the chunks {@code poolMap} makes by default. */
  @Benchmark
  public List<Long> invokeAll(ExecutorState e) throws InterruptedException, ExecutionException {
    int chunk = Math.max(1, (n + 4 * e.workers - 1) / (4 * e.workers));
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
    e.invokeAll(tasks).forEach(results::addAll);
    return results;
  }

  @Benchmark
  public List<Long> parallelStream() {
    return items.parallelStream().map(SquaresBenchmark::square).toList();
  }

  @Benchmark
  public List<Long> poolMapChunksize1(PoolState p) {
    return p.pool.map(SquaresBenchmark::square, items, 1);
  }

  /** {@code invokeAll} of one task per item. */
  @Benchmark
  public List<Long> invokeAllChunksize1(ExecutorState e) throws InterruptedException, ExecutionException {
    List<Callable<Long>> tasks = new ArrayList<>(n);
    for (Long x : items) {
      tasks.add(() -> square(x));
    }
    return e.invokeAll(tasks);
  }
}
