package org.learnparallel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The baseline our pool must come close to: a fixed thread pool of the JDK used by hand. */
@State(Scope.Benchmark)
public class ExecutorState {
  @Param("2")
  public int workers;

  private ExecutorService executor;

  @Setup(Level.Trial)
  public void open() {
    executor = Executors.newFixedThreadPool(workers);
  }

  @TearDown(Level.Trial)
  public void close() {
    executor.shutdownNow();
  }

  /** Runs the tasks with {@code invokeAll} and returns their results in order. */
  public <T> List<T> invokeAll(List<Callable<T>> tasks) throws InterruptedException, ExecutionException {
    List<T> results = new ArrayList<>(tasks.size());
    for (Future<T> f : executor.invokeAll(tasks)) {
      results.add(f.get());
    }
    return results;
  }
}
