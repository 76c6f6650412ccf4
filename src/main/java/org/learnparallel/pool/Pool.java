package org.learnparallel.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.learnparallel.pool.function.CheckedBiFunction;
import org.learnparallel.pool.function.CheckedFunction;
import org.learnparallel.pool.function.CheckedTriFunction;
import org.learnparallel.pool.internal.ThreadPool;

/**
 * A pool of workers with the API of Python's {@code multiprocessing.Pool}: {@code map} applies a
 * function to every item, {@code starmap} to every tuple of arguments, and the results come back
 * in input order.
 *
 * <pre>{@code
 * try (Pool pool = Pool.threads(2)) {
 *   pool.map(x -> x * x, List.of(1, 2, 3, 4, 5));                      // [1, 4, 9, 16, 25]
 *   pool.starmap((x, y, z) -> x + y + z,
 *       List.of(Args.of(1, 2, 3), Args.of(10, 20, 30), Args.of(100, 0, -100))); // [6, 60, 0]
 * }
 * }</pre>
 *
 * <p>Unlike Python's, these workers are threads of one process: Java has no global interpreter
 * lock, so threads run Java code on all cores at once.
 */
public interface Pool extends AutoCloseable {

  /** A pool with one worker thread per processor the JVM sees ({@code availableProcessors()}). */
  static Pool threads() {
    return threads(Runtime.getRuntime().availableProcessors());
  }

  /** A pool of {@code workers} threads. */
  static Pool threads(int workers) {
    return new ThreadPool(workers);
  }

  /** How many workers this pool has. */
  int workers();

  /**
   * Applies {@code fn} to every item on the workers and returns the results in input order. Items
   * are sent to the workers in chunks of {@code ceil(n / (4 * workers))}, Python's default.
   *
   * @throws TaskFailedException if {@code fn} throws for an item; its cause is what was thrown
   */
  default <T, R> List<R> map(CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
    return map(fn, items, 0);
  }

  /**
   * Like {@link #map(CheckedFunction, Iterable)} with items sent in chunks of {@code chunksize}
   * ({@code 0} for the default).
   */
  <T, R> List<R> map(CheckedFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize);

  /** Calls {@code fn(a, b)} for every pair of arguments; the results in input order. */
  default <A, B, R> List<R> starmap(
      CheckedBiFunction<? super A, ? super B, ? extends R> fn, Iterable<? extends Args2<A, B>> args) {
    Objects.requireNonNull(fn, "starmap: the function is null");
    return map((Args2<A, B> a) -> fn.apply(a.first(), a.second()), copy(args));
  }

  /** Calls {@code fn(a, b, c)} for every triple of arguments; the results in input order. */
  default <A, B, C, R> List<R> starmap(
      CheckedTriFunction<? super A, ? super B, ? super C, ? extends R> fn,
      Iterable<? extends Args3<A, B, C>> args) {
    Objects.requireNonNull(fn, "starmap: the function is null");
    return map((Args3<A, B, C> a) -> fn.apply(a.first(), a.second(), a.third()), copy(args));
  }

  /**
   * Stops the pool: no new work is accepted, and the worker threads end once the work already
   * given to them is done. Calling it again does nothing.
   */
  @Override
  void close();

  private static <E> List<E> copy(Iterable<? extends E> items) {
    Objects.requireNonNull(items, "starmap: the list of arguments is null");
    List<E> list = new ArrayList<>();
    items.forEach(list::add);
    return list;
  }
}
