/**
 * Functional interfaces that may throw any exception and are Serializable, so that a lambda
 * written in a notebook cell can be given to a pool (also to worker processes) or to a timer
 * without a try/catch: {@link org.learnparallel.function.CheckedFunction} for {@code map},
 * {@link org.learnparallel.function.CheckedBiFunction} and
 * {@link org.learnparallel.function.CheckedTriFunction} for {@code starmap},
 * {@link org.learnparallel.function.CheckedSupplier} for {@code apply},
 * {@link org.learnparallel.function.CheckedRunnable} for initializers and timed code.
 * Used by {@code org.learnparallel.pool} and {@code org.learnparallel.timing} alike.
 *
 * <pre>{@code
 * CheckedFunction<Path, String> read = Files::readString; // throws IOException: fine here
 * }</pre>
 */
package org.learnparallel.function;
