package org.learnparallel.bench;

import org.learnparallel.pool.Pool;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Our pool, made once per trial: starting threads (or processes) is not what {@code map} costs.
 * Only benchmarks that take this state run once per {@code backend}, so a new backend adds rows to
 * the report without rerunning the baselines.
 */
@State(Scope.Benchmark)
public class PoolState {
  @Param({"threads", "processes"})
  public String backend;

  @Param("2")
  public int workers;

  public Pool pool;

  @Setup(Level.Trial)
  public void open() {
    pool = switch (backend) {
      case "threads" -> Pool.threads(workers);
      case "processes" -> Pool.processes(workers);
      default -> throw new IllegalArgumentException("unknown backend: " + backend);
    };
  }

  @TearDown(Level.Trial)
  public void close() {
    pool.close();
  }
}
