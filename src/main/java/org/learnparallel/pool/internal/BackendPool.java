package org.learnparallel.pool.internal;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.learnparallel.pool.AsyncResult;
import org.learnparallel.pool.Pool;
import org.learnparallel.function.CheckedFunction;
import org.learnparallel.function.CheckedSupplier;

/**
 * The {@link Pool} API written once on top of a {@link Backend}: threads or processes.
 *
 * <pre>{@code
 * Pool pool = new BackendPool(new ThreadBackend(2, () -> {}, 0)); // what Pool.threads(2) makes
 * }</pre>
 *
 * <p>A pool that becomes unreachable without being closed is shut down (its queued work still
 * runs): a notebook cell run again and again with {@code Pool.threads()} and no {@code close()}
 * does not pile up idle threads.
 */
final class BackendPool implements Pool {
  private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);
  /** How long terminate() waits for workers to stop before it names those that ignore it. */
  private static final Duration TERMINATE_GRACE = Duration.ofSeconds(2);
  private static final Cleaner UNCLOSED = Cleaner.create();

  private final Backend backend;
  private volatile CallObserver.Factory watcher; // null: nobody watches, nothing is spent on it

  BackendPool(Backend backend) {
    this.backend = backend;
    UNCLOSED.register(this, backend::shutdown); // refers to the backend only, never to this pool
  }

  /** From now on each call is watched by an observer from {@code watcher} (null: none); returns this pool. */
  BackendPool watchedBy(CallObserver.Factory watcher) {
    this.watcher = watcher;
    return this;
  }

  @Override
  public int workers() {
    return backend.workers();
  }

  @Override
  public <T, R> AsyncResult<List<R>> mapAsync(CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
    Object[] array = checkedItems(fn, items);
    // Python's default: about four chunks per worker, few enough to be cheap, enough to balance
    return MapCall.start(backend, fn, array, chunksize(array.length), BackendPool::asList, watcher);
  }

  @Override
  public <T, R> AsyncResult<List<R>> mapAsync(
      CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize) {
    Object[] array = checkedItems(fn, items);
    return MapCall.start(backend, fn, array, checkedChunksize(chunksize), BackendPool::asList, watcher);
  }

  @Override
  public <T, R> Iterable<R> imap(CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize) {
    Object[] array = checkedItems(fn, items);
    return ImapCall.start(backend, fn, array, checkedChunksize(chunksize), false, watcher);
  }

  @Override
  public <T, R> Iterable<R> imapUnordered(
      CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize) {
    Object[] array = checkedItems(fn, items);
    return ImapCall.start(backend, fn, array, checkedChunksize(chunksize), true, watcher);
  }

  @Override
  public <R> AsyncResult<R> applyAsync(CheckedSupplier<? extends R> fn) {
    Objects.requireNonNull(fn, "the function is null");
    checkOpen();
    CheckedFunction<Object, R> call = ignored -> fn.get();
    return MapCall.start(backend, call, new Object[1], 1, BackendPool::first, watcher);
  }

  @Override
  public void close() {
    backend.shutdown();
    awaitWorkers();
  }

  /**
   * Waits a little for the workers, then tells the user about those that ignore the interrupt
   * rather than wait for ever: Java cannot stop a thread that does not cooperate.
   */
  @Override
  public void terminate() {
    backend.terminate();
    try {
      if (!backend.awaitTermination(TERMINATE_GRACE)) {
        warnStuck(backend.stuckWorkers());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void warnStuck(List<String> stuck) {
    if (stuck.isEmpty()) {
      return;
    }
    boolean one = stuck.size() == 1;
    System.err.println("terminate(): " + (one ? "this worker thread ignores the interrupt and keeps"
        : "these worker threads ignore the interrupt and keep") + " running: " + String.join("; ", stuck)
        + ". Callers were told the tasks are cancelled, but Java cannot stop a thread that does not cooperate:"
        + " each keeps a core busy until its task ends, or until the kernel restarts. Two ways out: in long"
        + " loops check Thread.interrupted() and stop when it is true (Thread.sleep and other waits throw"
        + " InterruptedException), or use Pool.processes(n), whose workers are processes that terminate() kills.");
  }

  @Override
  public void join() {
    if (!backend.isShutdown()) {
      throw new IllegalStateException("join: the pool is still open; call close() or terminate() first");
    }
    awaitWorkers();
  }

  /** What a notebook shows for a cell ending with the pool, such as {@code Pool[2 threads pool-1-worker-N, open]}. */
  @Override
  public String toString() {
    return "Pool[" + backend + (backend.isShutdown() ? ", closed" : ", open") + "]";
  }

  /** Interrupted, it terminates the pool rather than wait: a notebook cell must be able to stop. */
  private void awaitWorkers() {
    try {
      while (!backend.awaitTermination(FOREVER)) {
        Thread.onSpinWait(); // only after about 292 years: wait on
      }
    } catch (InterruptedException e) {
      backend.terminate();
      Thread.currentThread().interrupt();
    }
  }

  private Object[] checkedItems(CheckedFunction<?, ?> fn, Iterable<?> items) {
    Objects.requireNonNull(fn, "the function is null");
    Objects.requireNonNull(items, "the items are null");
    checkOpen();
    if (items instanceof Collection<?> collection) {
      return collection.toArray();
    }
    List<Object> list = new ArrayList<>();
    items.forEach(list::add);
    return list.toArray();
  }

  private void checkOpen() {
    backend.checkOpen();
  }

  private static int checkedChunksize(int chunksize) {
    if (chunksize < 1) {
      throw new IllegalArgumentException("chunksize must be at least 1, got " + chunksize);
    }
    return chunksize;
  }

  /** Fixed-size, like {@code Arrays.asList}: it can be sorted, and the array is not copied. */
  @SuppressWarnings("unchecked")
  private static <R> List<R> asList(Object[] results) {
    return (List<R>) Arrays.asList(results);
  }

  @SuppressWarnings("unchecked")
  private static <R> R first(Object[] results) {
    return (R) results[0];
  }
}
