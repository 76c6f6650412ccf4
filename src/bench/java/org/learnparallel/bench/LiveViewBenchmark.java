package org.learnparallel.bench;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.learnparallel.live.RenderingSink;
import org.learnparallel.pool.Pool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the live view costs: the same map of about 3 seconds on a pool of threads, without and with
 * the view drawn four times a second. The target (report.py): at most 2 % more wall time, on 2
 * workers.
 *
 * <p>The trap: under JMH there is no kernel, and {@code Live.watch} then draws nothing, so timing
 * it would show the cost of nothing. The view here draws into a {@link RenderingSink}, which does
 * all the work of a notebook's view in this JVM (the drawing thread, the CPU readings from
 * {@code /proc}, each frame's HTML and text, the JSON message and its signature) and sends nothing:
 * the socket write and the browser's redrawing are not measured. On 2 cores the drawing thread
 * takes its CPU from the two workers, which is the overhead a student sees. The work is CPU-bound
 * ({@link CpuBoundBenchmark#work}) in many items, so that the workers report progress all along.
 *
 * <p>On a busy machine the two times differ by more than 2 % from run to run whatever the view
 * does; the trial with the view therefore also prints (in the JMH log) the CPU time its drawing
 * thread used per call, as a share of the 2 cores over the call: what the view can take from the
 * workers at most, which other programs do not change much.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class LiveViewBenchmark {
  /** Items of the map: with {@link #iterations} each, about 6 CPU-seconds, 3 s on 2 workers. */
  private static final List<Integer> ITEMS = IntStream.range(0, 96).boxed().toList();

  @Param({"off", "on"})
  public String view;

  @Param("2")
  public int workers;

  @Param("10000000")
  public int iterations;

  private Pool pool;

  @Setup(Level.Trial)
  public void open() {
    pool = Pool.threads(workers);
    if (view.equals("on")) {
      RenderingSink.watch(pool);
    }
  }

  private long wallNanos;

  @TearDown(Level.Trial)
  public void close() {
    pool.close();
    if (view.equals("off")) {
      return;
    }
    long calls = RenderingSink.calls();
    if (calls == 0 || RenderingSink.bytes() == 0) {
      throw new IllegalStateException("the live view drew nothing: the benchmark measured no view");
    }
    double cpu = RenderingSink.drawingNanos() / 1e9 / calls;
    double wall = wallNanos / 1e9 / calls;
    System.out.printf(Locale.ROOT, "%nlive view: its drawing thread used %.1f ms of CPU per call of %.2f s: %.2f %% of %d cores%n",
        cpu * 1e3, wall, 100 * cpu / (wall * workers), workers);
  }

  @Benchmark
  public List<Long> map() {
    int n = iterations;
    long start = System.nanoTime();
    List<Long> out = pool.map(item -> CpuBoundBenchmark.work(item, n), ITEMS);
    wallNanos += System.nanoTime() - start;
    return out;
  }
}
