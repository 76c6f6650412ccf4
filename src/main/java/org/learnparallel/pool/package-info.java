/**
 * A Python-style pool of workers: {@link org.learnparallel.pool.Pool} ({@code map},
 * {@code starmap}, {@code imap}, {@code apply}, the async calls, {@code close},
 * {@code terminate}), made of threads ({@code Pool.threads(n)}) or of worker processes
 * ({@code Pool.processes(n)}); {@link org.learnparallel.pool.PoolBuilder} for an initializer or a
 * task limit per worker; {@link org.learnparallel.pool.AsyncResult} for the calls that return at
 * once. Every failure of the pool's own making is a {@link org.learnparallel.pool.PoolException}.
 *
 * <pre>{@code
 * try (Pool pool = Pool.threads(2)) {
 *   pool.map(x -> x * x, List.of(1, 2, 3, 4, 5)); // [1, 4, 9, 16, 25]
 * }
 * }</pre>
 *
 * <p>Everything under {@code org.learnparallel.pool.internal} is implementation, not API.
 */
package org.learnparallel.pool;
