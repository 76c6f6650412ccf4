/**
 * Not API: the implementation of {@code org.learnparallel.pool}, which may change at any time.
 * The pool calls are written once ({@code BackendPool}) over a {@link
 * org.learnparallel.pool.internal.Backend}: threads of this JVM ({@code ThreadBackend}) or worker
 * processes ({@code internal.process}). Public here is only what another package of this library
 * must reach: {@link org.learnparallel.pool.internal.Pools} (how {@code PoolBuilder} makes pools),
 * {@link org.learnparallel.pool.internal.Backend} and {@link org.learnparallel.pool.internal.Task}
 * (what the process backend implements and runs).
 */
package org.learnparallel.pool.internal;
