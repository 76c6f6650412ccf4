package org.learnparallel.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.learnparallel.cluster.LocalCluster;
import org.learnparallel.cluster.Spark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The pools' workloads on Apache Spark: the same {@code n} squares in the same chunks (partitions
 * of {@code ceil(n / (4 * workers))} items), the same 8 CPU-bound tasks, and an empty job (one
 * task per worker that does nothing), in Spark's local mode ({@code local[workers]}: threads of
 * this JVM) and on a {@link LocalCluster} of {@code workers} one-core Workers (executor JVMs).
 *
 * <p>The trap: counting start-up. The context (and the cluster) start once per trial, outside the
 * measurement, as a pool does in the other benchmarks; what is left is a job's cost: scheduling
 * its tasks, serializing the closure and the items to the executors and the results back.
 * Compare {@code emptyJob} with the squares: most of a small job is that fixed cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-XX:+IgnoreUnrecognizedVMOptions",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true"})
public class SparkBenchmark {
  private static final List<Integer> TASKS = IntStream.range(0, 8).boxed().toList();

  /** {@code local} (threads of this JVM) or {@code cluster} (a LocalCluster's executor JVMs). */
  @Param({"local", "cluster"})
  public String backend;

  @Param("2")
  public int workers;

  @Param("100000")
  public int n;

  /** As in {@link CpuBoundBenchmark}. */
  @Param("10000000")
  public int iterations;

  private LocalCluster cluster;
  private JavaSparkContext sc;
  private List<Long> items;

  @Setup(Level.Trial)
  public void start() {
    items = LongStream.range(0, n).boxed().toList();
    if (backend.equals("local")) {
      sc = Spark.local(workers);
    } else {
      cluster = LocalCluster.start(workers);
      sc = Spark.on(cluster);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    sc.close();
    if (cluster != null) {
      cluster.close();
    }
  }

  @Benchmark
  public List<Long> squares() {
    int chunk = (n + 4 * workers - 1) / (4 * workers); // Pool.map's default chunk size
    JavaRDD<Long> rdd = sc.parallelize(items, (n + chunk - 1) / chunk);
    return rdd.map(SquaresBenchmark::square).collect();
  }

  @Benchmark
  public List<Long> cpuBound() {
    int iterations = this.iterations; // a lambda that read the field would capture this benchmark
    return sc.parallelize(TASKS, TASKS.size()).map(task -> CpuBoundBenchmark.work(task, iterations)).collect();
  }

  @Benchmark
  public long emptyJob() {
    return sc.parallelize(List.of(0, 1), workers).map(x -> x).count();
  }
}
