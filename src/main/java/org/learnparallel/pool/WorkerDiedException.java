package org.learnparallel.pool;

/**
 * Thrown for the tasks that were on a worker process when it died (killed, {@code System.exit},
 * out of memory), where Python's {@code multiprocessing.Pool} would hang forever. The pool starts a
 * new worker in its place, so the pool stays usable: only these tasks failed.
 *
 * <pre>{@code
 * try (Pool pool = Pool.processes(2)) {
 *   pool.map(x -> { if (x == 3) System.exit(1); return x; }, List.of(1, 2, 3, 4));
 * } catch (WorkerDiedException e) {
 *   e.getMessage(); // worker process 5856 died (exit code 1) while it had 1 task(s) ...
 * }
 * }</pre>
 */
public final class WorkerDiedException extends PoolException {
  private static final long serialVersionUID = 1L;

  private final long pid;

  public WorkerDiedException(long pid, String message) {
    super(message);
    this.pid = pid;
  }

  /** The same death, told to one caller: {@code cause} is the one the worker's tasks share. */
  public WorkerDiedException(long pid, String message, WorkerDiedException cause) {
    super(message, cause);
    this.pid = pid;
  }

  /** The process id of the worker that died. */
  public long pid() {
    return pid;
  }
}
