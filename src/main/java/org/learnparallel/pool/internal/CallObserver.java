package org.learnparallel.pool.internal;

/**
 * Told how one pool call progresses, for a live view (see {@code org.learnparallel.live}). A pool
 * nobody watches has none, and then costs nothing: every hook is behind a null check. Every method
 * must be short and must not throw; they run on worker threads and on the thread that completed a
 * chunk.
 *
 * <pre>{@code
 * CallObserver.Factory quiet = (items, chunks, workers, inThisJvm) -> null; // watches nothing
 * }</pre>
 */
public interface CallObserver {

  /** Makes the observer of each call of a pool. */
  @FunctionalInterface
  interface Factory {
    /**
     * @param items the call's items (1 for apply)
     * @param chunks how many chunks they are cut into
     * @param workers the pool's workers
     * @param inThisJvm whether the chunks run in this JVM: only then are {@link #chunkStarted}
     *     and {@link #itemDone} called
     * @return the call's observer, or null to leave it unwatched
     */
    CallObserver watch(int items, int chunks, int workers, boolean inThisJvm);
  }

  /** The chunk of {@code size} items from index {@code start} begins, on the worker thread that runs it. */
  void chunkStarted(int start, int size);

  /** One item of a chunk is done, on the worker thread that ran it. */
  void itemDone();

  /** The chunk from index {@code start} is over (done, failed or cancelled), on the thread that completed it. */
  void chunkDone(int start, int size);

  /** Every submitted chunk is over; called once, before a map's result is given to its caller. */
  void callEnded();
}
