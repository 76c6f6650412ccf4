package org.learnparallel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A few long tasks: 8 runs of a fixed CPU-bound computation, tens of milliseconds each. Here the
 * pool's overhead is negligible and the question is the speed-up over a plain loop: with 2 workers
 * it cannot exceed 2, and 8 tasks split evenly (7 would need 4 rounds: at most 1.75).
 *
 * <p>The traps: a computation the JIT can fold, vectorize or drop. {@link #work} carries its sum
 * from one iteration to the next through a remainder, so it runs every iteration in turn, as
 * Python's copy of it in {@code pool_bench.py} does; its start depends on the task and every
 * benchmark returns the results, so nothing is constant or dead. And a busy machine: the loop
 * needs one free core, the pool two, so anything else running lowers the speed-up.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class CpuBoundBenchmark {
  private static final List<Integer> TASKS = IntStream.range(0, 8).boxed().toList();

  /** Iterations of {@link #work} per task; Python does fewer, being slower: compare speed-ups. */
  @Param("10000000")
  public int iterations;

  /** The same computation as {@code work} in {@code pool_bench.py}. */
  static long work(int task, int iterations) {
    long acc = task;
    for (long i = 0; i < iterations; i++) {
      acc = (acc + i * i) % 1_000_003;
    }
    return acc;
  }

  @Benchmark
  public List<Long> loop() {
    List<Long> out = new ArrayList<>(TASKS.size());
    for (int task : TASKS) {
      out.add(work(task, iterations));
    }
    return out;
  }

  @Benchmark
  public List<Long> poolMap(PoolState p) {
    int n = iterations; // a lambda that used the field would capture this benchmark, which worker processes cannot receive
    return p.pool.map(task -> work(task, n), TASKS);
  }

  @Benchmark
  public List<Long> invokeAll(ExecutorState e) throws InterruptedException, ExecutionException {
    List<Callable<Long>> tasks = new ArrayList<>(TASKS.size());
    for (int task : TASKS) {
      tasks.add(() -> work(task, iterations));
    }
    return e.invokeAll(tasks);
  }

  @Benchmark
  public List<Long> parallelStream() {
    return TASKS.parallelStream().map(task -> work(task, iterations)).toList();
  }
}
