package org.learnparallel.pool.internal.process;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.learnparallel.pool.internal.shipping.ClassShipper;

/**
 * Starts a pool's worker JVMs and keeps track of every one alive and of every thread starting a
 * replacement, so that the pool can wait for them all, or kill them all.
 */
final class WorkerLauncher {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final WorkerCommand command = WorkerCommand.ofThisJvm();
  private final String namePrefix = "pool-" + POOLS.incrementAndGet() + "-process-";
  private final ClassShipper shipper;
  private final byte[] initializer;
  private final Set<WorkerProcess> live = new CopyOnWriteArraySet<>();
  private final Set<Thread> replacers = ConcurrentHashMap.newKeySet();

  WorkerLauncher(ClassShipper shipper, byte[] initializer) {
    this.shipper = shipper;
    this.initializer = initializer;
  }

  /** {@code pool-1-process-}: worker N of this pool is named {@code pool-1-process-N}. */
  String namePrefix() {
    return namePrefix;
  }

  /** Starts the worker for {@code slot}; it is alive for {@link #awaitEnd} until its process exits. */
  WorkerProcess launch(Dispatch dispatch, int slot) throws IOException {
    WorkerProcess w = WorkerProcess.launch(dispatch, shipper, slot, command, namePrefix + (slot + 1), initializer);
    live.add(w);
    w.process().onExit().thenRun(() -> live.remove(w));
    return w;
  }

  /** Runs {@code body} in a new thread that {@link #awaitEnd} waits for. */
  void startReplacer(int slot, Runnable body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } finally {
        replacers.remove(Thread.currentThread());
      }
    }, namePrefix + (slot + 1) + "-replace");
    t.setDaemon(true);
    replacers.add(t);
    t.start();
  }

  /** Interrupts the replacers, then kills every worker alive. */
  void killAll() {
    replacers.forEach(Thread::interrupt);
    live.forEach(WorkerProcess::kill);
  }

  /**
   * Waits until no replacer runs and no worker process is alive. It loops: a replacer may start a
   * worker (and, with {@code maxTasksPerChild}, another replacer) while it waits for those it saw.
   */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 2);
    while (true) {
      Thread replacer = replacers.stream().findAny().orElse(null);
      WorkerProcess worker = live.stream().filter(w -> w.process().isAlive()).findAny().orElse(null);
      if (replacer == null && worker == null) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      if (replacer != null) {
        replacer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } else {
        worker.process().waitFor(left, TimeUnit.NANOSECONDS);
      }
    }
  }
}
