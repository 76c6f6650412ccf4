package org.learnparallel.pool.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.learnparallel.pool.Pool;
import org.learnparallel.pool.TaskFailedException;
import org.learnparallel.pool.function.CheckedFunction;

/** A {@link Pool} whose workers are daemon threads of this JVM. */
public final class ThreadPool implements Pool {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final int workers;
  private final ExecutorService executor;

  public ThreadPool(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("a pool needs at least 1 worker, got " + workers);
    }
    this.workers = workers;
    String prefix = "pool-" + POOLS.incrementAndGet() + "-worker-";
    AtomicInteger next = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(workers, task -> {
      Thread t = new Thread(task, prefix + next.incrementAndGet());
      t.setDaemon(true); // a pool nobody closed must not keep the JVM alive
      return t;
    });
  }

  @Override
  public int workers() {
    return workers;
  }

  @Override
  public <T, R> List<R> map(CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize) {
    Objects.requireNonNull(fn, "map: the function is null");
    Objects.requireNonNull(items, "map: the list of items is null");
    if (chunksize < 0) {
      throw new IllegalArgumentException("map: chunksize must be positive (or 0 for the default), got " + chunksize);
    }
    if (executor.isShutdown()) {
      throw new IllegalStateException("this pool is closed");
    }
    List<T> list = new ArrayList<>();
    items.forEach(list::add);
    int n = list.size();
    int chunk = chunksize > 0 ? chunksize : Math.max(1, (n + 4 * workers - 1) / (4 * workers));
    List<Future<List<R>>> futures = new ArrayList<>();
    for (int from = 0; from < n; from += chunk) {
      int start = from;
      int end = Math.min(n, from + chunk);
      futures.add(executor.submit(() -> runChunk(fn, list, start, end)));
    }
    List<R> results = new ArrayList<>(n);
    try {
      for (Future<List<R>> f : futures) {
        results.addAll(f.get());
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new CancellationException("map was interrupted; its pending tasks are cancelled");
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw (TaskFailedException) e.getCause();
    }
    return results;
  }

  private static <T, R> List<R> runChunk(CheckedFunction<? super T, ? extends R> fn, List<T> items, int start, int end) {
    List<R> out = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      try {
        out.add(fn.apply(items.get(i)));
      } catch (Exception e) {
        throw new TaskFailedException(i, Thread.currentThread().getName(), e);
      }
    }
    return out;
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}
