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
     * @param inThisJvm whether the chunks run in this JVM: only then is {@link #chunkStarted}
     *     called, and its {@link Progress} told of each item
     * @return the call's observer, or null to leave it unwatched
     */
    CallObserver watch(int items, int chunks, int workers, boolean inThisJvm);
  }

  /**
   * The chunk of {@code size} items from index {@code start} begins, on the worker thread that
   * runs it; returns what that thread tells of each of its items.
   */
  Progress chunkStarted(int start, int size);

  /**
   * One chunk's items done, told by the one thread that runs it: a plain count, not an atomic
   * shared by the workers, since it is told once per item (a tiny item takes a few nanoseconds).
   */
  interface Progress {
    /** One more item of the chunk is done (returned or threw), on the worker thread that ran it. */
    void itemDone();
  }

  /** The chunk from index {@code start} is over (done, failed or cancelled), on the thread that completed it. */
  void chunkDone(int start, int size);

  /** Every submitted chunk is over; called once, before a map's result is given to its caller. */
  void callEnded();
}
