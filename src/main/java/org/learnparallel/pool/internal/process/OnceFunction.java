package org.learnparallel.pool.internal.process;

import org.learnparallel.function.CheckedFunction;
import org.learnparallel.pool.internal.shipping.Shared;

/**
 * The function of one call, which all its chunks hold: written to each worker once per call (a
 * {@code SHARED} frame), then by reference, so that a chunk of one item costs the item only.
 */
final class OnceFunction<T, R> extends Shared implements CheckedFunction<T, R> {
  private final CheckedFunction<T, R> fn; // what a plain serialization writes

  OnceFunction(CheckedFunction<T, R> fn) {
    super(fn);
    this.fn = fn;
  }

  @Override
  public R apply(T t) throws Exception {
    return fn.apply(t);
  }
}
