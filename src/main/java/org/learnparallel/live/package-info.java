/**
 * A live view of a pool at work, drawn in the notebook cell while a call runs: progress, CPU per
 * logical processor (this kernel's share and other programs'), and the task stream.
 *
 * <pre>{@code
 * try (Pool pool = Live.watch(Pool.threads())) {
 *   pool.map(x -> { Thread.sleep(200); return x; }, IntStream.range(0, 20).boxed().toList());
 * }
 * }</pre>
 *
 * <p>The pool tells the view about chunks and items through
 * {@link org.learnparallel.pool.internal.CallObserver}; a pool nobody watches pays nothing for it.
 */
package org.learnparallel.live;
