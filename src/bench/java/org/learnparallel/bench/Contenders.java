package org.learnparallel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.learnparallel.pool.Pool;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The pools that the benchmarks in rounds race, made once per trial, since starting threads or
 * processes is not what a call costs: ours on threads and on worker processes, and the baseline it
 * must come close to, the JDK's fixed thread pool used by hand.
 */
@State(Scope.Benchmark)
public abstract class Contenders {
  @Param("2")
  public int workers;

  Pool threads;
  Pool processes;
  private ExecutorService executor;

  @Setup(Level.Trial)
  public void openContenders() {
    threads = Pool.threads(workers);
    processes = Pool.processes(workers);
    executor = Executors.newFixedThreadPool(workers);
  }

  @TearDown(Level.Trial)
  public void closeContenders() {
    threads.close();
    processes.close();
    executor.shutdownNow();
  }

  /** Runs the tasks with the JDK pool's {@code invokeAll} and returns their results in order. */
  <T> List<T> jdkInvokeAll(List<Callable<T>> tasks) throws InterruptedException, ExecutionException {
    List<T> results = new ArrayList<>(tasks.size());
    for (Future<T> f : executor.invokeAll(tasks)) {
      results.add(f.get());
    }
    return results;
  }
}
