package org.learnparallel.pool.internal;

import org.learnparallel.function.CheckedRunnable;
import org.learnparallel.pool.Pool;

/**
 * How the public API makes its pools: the one door from {@code org.learnparallel.pool} into the
 * implementation, so that {@link BackendPool} and {@link ThreadBackend} stay package-private. Not API.
 *
 * <pre>{@code
 * Pool pool = Pools.threads(2, () -> {}, 0);                 // what Pool.threads(2) makes
 * Pool procs = Pools.on(new ProcessBackend(2, null, 0)); // what Pool.processes(2) makes
 * }</pre>
 */
public final class Pools {
  private Pools() {}

  /** A pool of daemon threads; see {@link ThreadBackend}. */
  public static Pool threads(int workers, CheckedRunnable initializer, int maxTasksPerChild) {
    return new BackendPool(new ThreadBackend(workers, initializer, maxTasksPerChild));
  }

  /** The pool API over {@code backend}, which the pool then owns. */
  public static Pool on(Backend backend) {
    return new BackendPool(backend);
  }

  /**
   * Makes {@code pool} report its calls to {@code watcher} from now on ({@code null}: to nobody) and
   * returns it; false when {@code pool} was not made here.
   */
  public static boolean watch(Pool pool, CallObserver.Factory watcher) {
    if (pool instanceof BackendPool made) {
      made.watchedBy(watcher);
      return true;
    }
    return false;
  }
}
