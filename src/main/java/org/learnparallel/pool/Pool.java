package org.learnparallel.pool;

import java.util.List;
import java.util.Objects;
import org.learnparallel.function.CheckedBiFunction;
import org.learnparallel.function.CheckedFunction;
import org.learnparallel.function.CheckedSupplier;
import org.learnparallel.function.CheckedTriFunction;

/**
 * A pool of workers with the API of Python's {@code multiprocessing.Pool}: {@code map},
 * {@code starmap}, {@code imap}, {@code imapUnordered}, {@code apply}, the {@code ...Async} calls,
 * {@code close}, {@code terminate} and {@code join}.
 *
 * <pre>{@code
 * try (Pool pool = Pool.threads(2)) {
 *   pool.map(x -> x * x, List.of(1, 2, 3, 4, 5));                      // [1, 4, 9, 16, 25]
 *   pool.starmap((x, y, z) -> x + y + z,
 *       List.of(Args.of(1, 2, 3), Args.of(10, 20, 30), Args.of(100, 0, -100))); // [6, 60, 0]
 *   for (int r : pool.imap(x -> x * 10, List.of(1, 2, 3))) {
 *     System.out.println(r);                                           // 10, 20, 30
 *   }
 *   pool.apply(Math::max, 3, 7);                                        // 7
 * }
 * }</pre>
 *
 * <p>The workers of {@link #threads(int)} are threads of one process: Java has no global
 * interpreter lock, so threads run Java code on all cores at once. Those of
 * {@link #processes(int)} are separate JVMs, as Python's are: change that one word to compare.
 *
 * <p><b>Closing.</b> {@link #close()}, which try-with-resources calls, is Python's
 * {@code close()} followed by {@code join()}: no new work is accepted, the work already given
 * (also by the async calls) is finished, and the workers end before it returns. Python's
 * {@code with Pool() as p:} calls {@code terminate()} instead, which throws away unfinished async
 * work without a word; here nothing given to the pool is lost. {@link #terminate()} stops at once:
 * queued tasks are cancelled, running ones interrupted. A pool nobody closes does not keep the JVM
 * alive (its workers are daemon threads, or processes that end with it), and once nothing refers
 * to it, it is closed without the wait, so that a cell run again and again does not pile up
 * workers.
 *
 * <p><b>Errors.</b> When the function throws for an item, the call throws a
 * {@link TaskFailedException} that names the item's index and the worker, with the original
 * exception as its cause; the remaining tasks of that call are cancelled and the pool stays usable.
 * Every failure of the work is a {@link PoolException} (see there for its four kinds). Misuse fails
 * at once with a standard exception: a null function or list with {@code NullPointerException}, a
 * chunksize or worker count below 1 with {@code IllegalArgumentException}, a call on a closed pool
 * with {@code IllegalStateException}.
 *
 * <p><b>Interrupts.</b> A caller interrupted while it waits (JupyterLab's "Interrupt kernel" does
 * that to the cell's thread) stops waiting at once: its call's queued tasks are cancelled, its
 * running ones interrupted, the interrupt flag stays set, and it throws
 * {@link java.util.concurrent.CancellationException}. The pool stays usable. An interrupted
 * {@code close} or {@code join} terminates the pool instead of waiting.
 *
 * <p>One pool may be used from several threads at once, and from its own tasks: a task of a
 * thread pool that calls {@code map} (or any call) on the same pool runs that work itself, in its
 * own thread, as a {@code ForkJoinPool} worker helps, rather than wait for workers that may all be
 * waiting for it. A task of a worker process may make a pool of its own.
 */
public interface Pool extends AutoCloseable {

  /** A pool with one worker thread per processor the JVM sees ({@code availableProcessors()}). */
  static Pool threads() {
    return builder().threads();
  }

  /** A pool of {@code workers} threads; at least 1. */
  static Pool threads(int workers) {
    return builder().workers(workers).threads();
  }

  /**
   * A pool with one worker process per processor the JVM sees: the same API as
   * {@link #threads()}, but each worker is a separate JVM with its own process id, as in Python.
   */
  static Pool processes() {
    return builder().processes();
  }

  /**
   * A pool of {@code workers} worker processes (separate JVMs started with this JVM's java and
   * classpath, talking to it over their stdin and stdout), ready when this returns. The function,
   * the items and the results travel by Java serialization, so they must be Serializable; a
   * non-Serializable item or function fails the call at once with an
   * {@code IllegalArgumentException} naming its type; a non-Serializable result fails that item
   * with a {@link TaskFailedException} whose cause is such an {@code IllegalArgumentException}.
   * A function defined in a notebook cell just works: its classes' bytecode travels too. What a
   * task prints shows in the calling cell.
   *
   * <pre>{@code
   * try (Pool pool = Pool.processes(2)) {
   *   pool.map(x -> "Worker process id for " + x + ": " + ProcessHandle.current().pid(), List.of(1, 2, 3));
   * }
   * }</pre>
   *
   * <p>A worker that dies (killed, {@code System.exit}, out of memory) fails the calls that had
   * tasks on it within moments, with a {@link WorkerDiedException}, never a hang; a new worker takes
   * its place, so the pool stays usable. Workers end when the pool is closed or terminated, and
   * when this JVM ends, even if it is killed.
   */
  static Pool processes(int workers) {
    return builder().workers(workers).processes();
  }

  /** Settings for a pool with an initializer or a task limit per worker. */
  static PoolBuilder builder() {
    return PoolBuilder.defaults();
  }

  /** How many workers this pool has. */
  int workers();

  /**
   * The chunksize {@link #map(CheckedFunction, Iterable)} uses for {@code items} items: Python's
   * rule, {@code ceil(items / (4 * workers))}, at least 1, so that a map makes about four tasks per
   * worker. With 2 workers, {@code pool.chunksize(100_000)} is 12,500.
   */
  default int chunksize(int items) {
    if (items < 0) {
      throw new IllegalArgumentException("the number of items cannot be negative, got " + items);
    }
    return (int) Math.max(1, (items + 4L * workers() - 1) / (4L * workers()));
  }

  /**
   * Applies {@code fn} to every item on the workers and returns the results in input order. Items
   * are sent to the workers in chunks of {@link #chunksize(int) ceil(n / (4 * workers))}, Python's
   * default.
   *
   * @throws TaskFailedException if {@code fn} throws for an item; its cause is what was thrown
   */
  default <T, R> List<R> map(CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
    return this.<T, R>mapAsync(fn, items).get();
  }

  /** Like {@link #map(CheckedFunction, Iterable)}, sending items in chunks of {@code chunksize}. */
  default <T, R> List<R> map(CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize) {
    return this.<T, R>mapAsync(fn, items, chunksize).get();
  }

  /** Calls {@code fn(a, b)} for every pair of arguments; the results in input order. */
  default <A, B, R> List<R> starmap(
      CheckedBiFunction<? super A, ? super B, ? extends R> fn, Iterable<? extends Args2<A, B>> args) {
    return this.<A, B, R>starmapAsync(fn, args).get();
  }

  /** Like {@link #starmap(CheckedBiFunction, Iterable)}, in chunks of {@code chunksize}. */
  default <A, B, R> List<R> starmap(
      CheckedBiFunction<? super A, ? super B, ? extends R> fn, Iterable<? extends Args2<A, B>> args, int chunksize) {
    return this.<A, B, R>starmapAsync(fn, args, chunksize).get();
  }

  /** Calls {@code fn(a, b, c)} for every triple of arguments; the results in input order. */
  default <A, B, C, R> List<R> starmap(
      CheckedTriFunction<? super A, ? super B, ? super C, ? extends R> fn, Iterable<? extends Args3<A, B, C>> args) {
    return this.<A, B, C, R>starmapAsync(fn, args).get();
  }

  /** Like {@link #starmap(CheckedTriFunction, Iterable)}, in chunks of {@code chunksize}. */
  default <A, B, C, R> List<R> starmap(CheckedTriFunction<? super A, ? super B, ? super C, ? extends R> fn,
      Iterable<? extends Args3<A, B, C>> args, int chunksize) {
    return this.<A, B, C, R>starmapAsync(fn, args, chunksize).get();
  }

  /**
   * Like {@link #map(CheckedFunction, Iterable)}, but returns at once: the results come one by one,
   * in input order, as the workers produce them. Every item is submitted now, one per task
   * (chunksize 1, Python's default for imap). An item whose function threw makes {@code next()}
   * throw a {@link TaskFailedException} at its place; the iteration can go on past it. The returned
   * {@code Iterable} can be iterated once.
   */
  default <T, R> Iterable<R> imap(CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
    return imap(fn, items, 1);
  }

  /** Like {@link #imap(CheckedFunction, Iterable)}, in chunks of {@code chunksize}. */
  <T, R> Iterable<R> imap(CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize);

  /**
   * Like {@link #imap(CheckedFunction, Iterable)}, but the results come in the order they are
   * finished, not in input order.
   */
  default <T, R> Iterable<R> imapUnordered(CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
    return imapUnordered(fn, items, 1);
  }

  /** Like {@link #imapUnordered(CheckedFunction, Iterable)}, in chunks of {@code chunksize}. */
  <T, R> Iterable<R> imapUnordered(
      CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize);

  /**
   * Runs {@code fn} on a worker and returns its result (Python's {@code apply(f)}).
   *
   * <p>A Java quirk: {@code System.out.println(pool.apply(...))} does not compile with a lambda,
   * because {@code println} is overloaded and the result type comes only from the lambda. Write
   * {@code var r = pool.apply(...)} first, or let the cell show it as its last expression.
   *
   * @throws TaskFailedException if {@code fn} throws (item index 0); its cause is what was thrown
   */
  default <R> R apply(CheckedSupplier<? extends R> fn) {
    return applyAsync(fn).get();
  }

  /** Runs {@code fn(a)} on a worker and returns its result (Python's {@code apply(f, (a,))}). */
  default <A, R> R apply(CheckedFunction<? super A, ? extends R> fn, A a) {
    return applyAsync(fn, a).get();
  }

  /** Runs {@code fn(a, b)} on a worker and returns its result. */
  default <A, B, R> R apply(CheckedBiFunction<? super A, ? super B, ? extends R> fn, A a, B b) {
    return applyAsync(fn, a, b).get();
  }

  /** Runs {@code fn(a, b, c)} on a worker and returns its result. */
  default <A, B, C, R> R apply(CheckedTriFunction<? super A, ? super B, ? super C, ? extends R> fn, A a, B b, C c) {
    return applyAsync(fn, a, b, c).get();
  }

  /** Like {@link #apply(CheckedSupplier)}, but returns at once. */
  <R> AsyncResult<R> applyAsync(CheckedSupplier<? extends R> fn);

  /** Like {@link #apply(CheckedFunction, Object)}, but returns at once. */
  default <A, R> AsyncResult<R> applyAsync(CheckedFunction<? super A, ? extends R> fn, A a) {
    Objects.requireNonNull(fn, "the function is null");
    return applyAsync(() -> fn.apply(a));
  }

  /** Like {@link #apply(CheckedBiFunction, Object, Object)}, but returns at once. */
  default <A, B, R> AsyncResult<R> applyAsync(CheckedBiFunction<? super A, ? super B, ? extends R> fn, A a, B b) {
    Objects.requireNonNull(fn, "the function is null");
    return applyAsync(() -> fn.apply(a, b));
  }

  /** Like {@link #apply(CheckedTriFunction, Object, Object, Object)}, but returns at once. */
  default <A, B, C, R> AsyncResult<R> applyAsync(
      CheckedTriFunction<? super A, ? super B, ? super C, ? extends R> fn, A a, B b, C c) {
    Objects.requireNonNull(fn, "the function is null");
    return applyAsync(() -> fn.apply(a, b, c));
  }

  /** Like {@link #map(CheckedFunction, Iterable)}, but returns at once. */
  <T, R> AsyncResult<List<R>> mapAsync(CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

  /** Like {@link #map(CheckedFunction, Iterable, int)}, but returns at once. */
  <T, R> AsyncResult<List<R>> mapAsync(
      CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize);

  /** Like {@link #starmap(CheckedBiFunction, Iterable)}, but returns at once. */
  default <A, B, R> AsyncResult<List<R>> starmapAsync(
      CheckedBiFunction<? super A, ? super B, ? extends R> fn, Iterable<? extends Args2<A, B>> args) {
    return mapAsync(Args2.<A, B, R>spread(fn), args);
  }

  /** Like {@link #starmap(CheckedBiFunction, Iterable, int)}, but returns at once. */
  default <A, B, R> AsyncResult<List<R>> starmapAsync(
      CheckedBiFunction<? super A, ? super B, ? extends R> fn, Iterable<? extends Args2<A, B>> args, int chunksize) {
    return mapAsync(Args2.<A, B, R>spread(fn), args, chunksize);
  }

  /** Like {@link #starmap(CheckedTriFunction, Iterable)}, but returns at once. */
  default <A, B, C, R> AsyncResult<List<R>> starmapAsync(
      CheckedTriFunction<? super A, ? super B, ? super C, ? extends R> fn, Iterable<? extends Args3<A, B, C>> args) {
    return mapAsync(Args3.<A, B, C, R>spread(fn), args);
  }

  /** Like {@link #starmap(CheckedTriFunction, Iterable, int)}, but returns at once. */
  default <A, B, C, R> AsyncResult<List<R>> starmapAsync(
      CheckedTriFunction<? super A, ? super B, ? super C, ? extends R> fn,
      Iterable<? extends Args3<A, B, C>> args, int chunksize) {
    return mapAsync(Args3.<A, B, C, R>spread(fn), args, chunksize);
  }

  /**
   * Python's {@code close()} then {@code join()}: no new work is accepted, the work already given
   * is finished, and the workers end before this returns. Calling it again does nothing. If the
   * calling thread is interrupted meanwhile, the pool is terminated instead and the interrupt
   * flag stays set.
   */
  @Override
  void close();

  /**
   * Stops the pool now: no new work is accepted, queued tasks are cancelled, running ones
   * interrupted, and every caller waiting for them gets a
   * {@link java.util.concurrent.CancellationException}. Waits a moment for the workers to end. A
   * worker thread whose task ignores interrupts (a loop that never checks
   * {@code Thread.interrupted()}) cannot be stopped by Java: it is named on {@code System.err},
   * with what it runs, and keeps a core busy until its task ends. Worker processes are killed.
   */
  void terminate();

  /**
   * Waits for the workers to end, after {@link #close()} or {@link #terminate()} (both already
   * wait, so this is for code written the Python way). If the calling thread is interrupted
   * meanwhile, the pool is terminated and the interrupt flag stays set.
   *
   * @throws IllegalStateException if the pool is still open (Python raises {@code ValueError})
   */
  void join();
}
