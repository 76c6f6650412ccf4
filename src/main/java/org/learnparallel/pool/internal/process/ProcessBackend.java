package org.learnparallel.pool.internal.process;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.learnparallel.function.CheckedRunnable;
import org.learnparallel.pool.PoolBrokenException;
import org.learnparallel.pool.internal.Backend;
import org.learnparallel.pool.internal.Task;

/**
 * A {@link Backend} whose workers are separate JVMs (same java binary, same classpath), each
 * talking to this process over its stdin and stdout only. Tasks, their results and their
 * exceptions travel by Java serialization; classes a worker lacks, such as those of a notebook's
 * cells, travel as bytecode on request.
 *
 * <pre>{@code
 * Pool pool = Pools.on(new ProcessBackend(2, () -> {}, 0)); // what Pool.processes(2) makes
 * }</pre>
 *
 * <p>Each worker has a few tasks at a time: one running, the others sent ahead (see
 * {@link WorkerProcess#PIPELINE_SHORT}). When a worker dies (killed, {@code System.exit}, out of memory), the tasks it had
 * fail at once with a {@code WorkerDiedException}, and a new worker is started in its place: the
 * pool is not broken, unlike Python's {@code BrokenProcessPool}, because we know which tasks were
 * lost. If a replacement worker cannot start, the pool is broken: the queued tasks fail with that
 * error and no new task is accepted. A worker whose initializer threw stays, and fails each task
 * it is given, as a thread worker does (see {@link Backend}). A worker's {@code System.out}
 * and {@code System.err} are printed by this process, on its {@code System.out} and
 * {@code System.err} of the moment. Workers end when this JVM ends, even when it is killed.
 */
public final class ProcessBackend implements Backend {
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final int workers;
  private final int maxTasksPerChild;
  private final byte[] initializer;
  private final List<String> command;
  private final String namePrefix;
  private final Set<ClassLoader> loaders = new CopyOnWriteArraySet<>();
  private final Set<WorkerProcess> live = new CopyOnWriteArraySet<>();
  private final Set<Thread> replacers = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong(Protocol.INIT_ID + 1);
  private final Object lock = new Object();
  // Guarded by lock. Invariant: while tasks wait in the queue, no accepting worker has room.
  private final Deque<TaskFuture<?>> queue = new ArrayDeque<>();
  private final WorkerProcess[] slots;
  private boolean shutdown;
  private boolean terminated;
  private Throwable broken;

  /**
   * Starts {@code workers} worker processes at once and waits until each is ready.
   *
   * @param workers how many processes, at least 1
   * @param initializer run once in each worker before its first task (also in a replacement)
   * @param maxTasksPerChild a worker is replaced by a fresh one after this many tasks; 0 for never
   * @throws PoolBrokenException if a worker cannot start
   * @throws IllegalArgumentException if the initializer is not Serializable
   */
  public ProcessBackend(int workers, CheckedRunnable initializer, int maxTasksPerChild) {
    this.workers = workers;
    this.maxTasksPerChild = maxTasksPerChild;
    this.loaders.add(ProcessBackend.class.getClassLoader());
    Task<Void> init = () -> {
      initializer.run();
      return null;
    };
    this.initializer = Serial.write(init, "initializer", this::remember);
    this.command = command();
    this.namePrefix = "pool-" + POOLS.incrementAndGet() + "-process-";
    this.slots = new WorkerProcess[workers];
    try {
      for (int i = 0; i < workers; i++) { // all JVMs boot in parallel
        slots[i] = launch(i);
      }
      for (WorkerProcess w : slots) {
        w.awaitReady(STARTUP);
      }
    } catch (IOException | InterruptedException e) {
      synchronized (lock) {
        shutdown = true;
        terminated = true; // no replacement for the workers killed now
      }
      live.forEach(WorkerProcess::kill);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new PoolBrokenException("could not start the worker processes: " + e.getMessage(), e);
    }
  }

  @Override
  public int workers() {
    return workers;
  }

  /** The process ids of the workers now (one being replaced shows until its successor is ready). */
  List<Long> pids() {
    synchronized (lock) {
      return Arrays.stream(slots).map(WorkerProcess::pid).toList();
    }
  }

  /**
   * Serializes the task here, so that a value that cannot travel fails at once, and writes it to
   * the least busy worker with room, or queues it.
   *
   * @throws IllegalArgumentException naming the type that is not Serializable
   */
  @Override
  public <R> Future<R> submit(Task<R> task, Consumer<Future<R>> whenDone) {
    Objects.requireNonNull(task, "submit: the task is null");
    checkOpen();
    byte[] bytes = Serial.write(task, "argument", this::remember);
    TaskFuture<R> future = new TaskFuture<>(ids.getAndIncrement(), bytes, whenDone);
    WorkerProcess target = null;
    synchronized (lock) {
      checkOpenLocked();
      for (WorkerProcess w : slots) {
        if (w.hasRoom() && (target == null || w.load() < target.load())) {
          target = w;
        }
      }
      if (target == null) {
        queue.add(future);
      } else {
        reserve(target, future);
      }
    }
    if (target != null) {
      target.send(future);
    }
    return future;
  }

  @Override
  public void checkOpen() {
    synchronized (lock) {
      checkOpenLocked();
    }
  }

  private void checkOpenLocked() {
    if (broken != null) {
      throw new PoolBrokenException("this pool is broken: " + broken.getMessage(), broken);
    }
    if (shutdown) {
      throw new IllegalStateException("this pool is closed");
    }
  }

  /**
   * Counts a task for {@code w} (under lock); starts its replacement when it reaches its quota.
   * False for a task cancelled while queued: it is dropped.
   */
  private boolean reserve(WorkerProcess w, TaskFuture<?> task) {
    if (!task.sentTo(w)) {
      return false;
    }
    w.reserve(task);
    if (maxTasksPerChild > 0 && w.sent() == maxTasksPerChild) {
      w.stopAccepting();
      replaceLater(w);
    }
    return true;
  }

  /**
   * Called by a worker's reader after each reply (and once a worker is ready): gives it queued
   * tasks while it has room, in that same thread, so that no other thread needs waking.
   */
  void replied(WorkerProcess w) {
    List<TaskFuture<?>> next = new ArrayList<>(WorkerProcess.PIPELINE_SHORT);
    boolean end;
    synchronized (lock) {
      while (w.hasRoom() && !queue.isEmpty()) {
        TaskFuture<?> task = queue.poll();
        if (reserve(w, task)) {
          next.add(task);
        }
      }
      end = shutdown && queue.isEmpty() && w.isIdle() && w.stopAccepting();
    }
    next.forEach(w::send);
    if (end) {
      w.endInput(); // it exits at the end of its stdin
    }
  }

  /** Called when a worker died: its tasks have failed already; a new worker takes its place. */
  void died(WorkerProcess w) {
    synchronized (lock) {
      if (w.stopAccepting() && !terminated) {
        replaceLater(w);
      }
    }
  }

  /** Starts a worker for the slot of {@code old}, which finishes its tasks meanwhile, then ends. */
  private void replaceLater(WorkerProcess old) {
    Thread t = new Thread(() -> {
      try {
        synchronized (lock) {
          if (shutdown && queue.isEmpty()) {
            old.endInput(); // no work left for a successor
            return;
          }
        }
        WorkerProcess next = launch(old.slot());
        old.retire();
        next.awaitReady(STARTUP);
        synchronized (lock) {
          slots[old.slot()] = next;
        }
        replied(next);
      } catch (IOException e) {
        synchronized (lock) {
          if (terminated) {
            return; // killed while starting: not a failure
          }
        }
        stop(new PoolBrokenException("a worker process could not be started: " + e.getMessage(), e));
      } catch (InterruptedException e) {
        // terminate(): it kills the workers
      } finally {
        replacers.remove(Thread.currentThread());
      }
    }, namePrefix + (old.slot() + 1) + "-replace");
    t.setDaemon(true);
    replacers.add(t);
    t.start();
  }

  @Override
  public void shutdown() {
    List<WorkerProcess> current;
    synchronized (lock) {
      shutdown = true;
      current = List.of(slots);
    }
    current.forEach(this::replied); // ends the idle ones; the busy ones end after their last reply
  }

  @Override
  public void terminate() {
    stop(null);
  }

  /** Stops everything; queued tasks are cancelled, or fail with {@code reason} if there is one. */
  private void stop(Throwable reason) {
    List<TaskFuture<?>> dropped;
    synchronized (lock) {
      shutdown = true;
      terminated = true;
      if (reason != null && broken == null) {
        broken = reason;
      }
      dropped = new ArrayList<>(queue);
      queue.clear();
    }
    for (TaskFuture<?> f : dropped) {
      if (reason == null) {
        f.cancel(false);
      } else {
        f.completeExceptionally(reason);
      }
    }
    replacers.forEach(Thread::interrupt);
    live.forEach(WorkerProcess::kill);
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : replacers) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    for (WorkerProcess w : live) {
      w.process().waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    return replacers.isEmpty() && live.stream().noneMatch(w -> w.process().isAlive());
  }

  @Override
  public boolean isShutdown() {
    synchronized (lock) {
      return shutdown;
    }
  }

  @Override
  public boolean isTerminated() {
    synchronized (lock) {
      return terminated;
    }
  }

  /** For a pool's {@code toString}: {@code 2 processes pool-1-process-N, pids [5856, 5857]}. */
  @Override
  public String toString() {
    return workers + (workers == 1 ? " process " : " processes ") + namePrefix + "N, pids " + pids();
  }

  private WorkerProcess launch(int slot) throws IOException {
    List<String> cmd = new ArrayList<>(command);
    cmd.add(namePrefix + (slot + 1));
    WorkerProcess w = WorkerProcess.launch(this, slot, cmd, initializer);
    live.add(w);
    w.process().onExit().thenRun(() -> live.remove(w));
    synchronized (lock) {
      if (terminated) {
        w.kill(); // terminate() ran while this one was starting
      }
    }
    return w;
  }

  void remember(ClassLoader loader) {
    if (loader != null && loader != ClassLoader.getPlatformClassLoader()) {
      loaders.add(loader);
    }
  }

  /** The bytecode of a class that a worker asks for: from the class loaders of the tasks' classes. */
  byte[] bytecode(String name) {
    for (ClassLoader l : loaders) {
      byte[] bytes = Bytecode.find(name, l);
      if (bytes != null) {
        return bytes;
      }
    }
    return null;
  }

  /** Finds a class of a result or exception, which may be a notebook's. */
  Class<?> resolve(String name) throws ClassNotFoundException {
    for (ClassLoader l : loaders) {
      try {
        return Class.forName(name, false, l);
      } catch (ClassNotFoundException e) {
        // try the next loader
      }
    }
    throw new ClassNotFoundException(name);
  }

  /**
   * The worker's command line: this JVM's java binary and classpath, with this library's jar first
   * (under JJava it is added at run time, so it is not on {@code java.class.path}), and the jars
   * added at run time to this library's class loader. The options favour a quick start.
   */
  private static List<String> command() {
    Set<String> path = new LinkedHashSet<>();
    CodeSource source = ProcessBackend.class.getProtectionDomain().getCodeSource();
    if (source != null) {
      addFile(path, source.getLocation());
    }
    if (ProcessBackend.class.getClassLoader() instanceof URLClassLoader urls) {
      Arrays.stream(urls.getURLs()).forEach(u -> addFile(path, u));
    }
    path.addAll(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
    path.remove("");
    return new ArrayList<>(List.of(
        javaBinary(),
        "-XX:+UseSerialGC", "-Xshare:auto", "-XX:+ExitOnOutOfMemoryError",
        // stdout carries the pool's messages: the JVM's own messages and logs go to stderr
        "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
        "-cp", String.join(File.pathSeparator, path),
        WorkerMain.class.getName(),
        Long.toString(ProcessHandle.current().pid())));
  }

  /** This JVM's launcher: in {@code java.home}, or else the command that started this process. */
  private static String javaBinary() {
    Path inHome = Path.of(System.getProperty("java.home"), "bin", "java");
    if (Files.isExecutable(inHome) || Files.isExecutable(Path.of(inHome + ".exe"))) {
      return inHome.toString();
    }
    return ProcessHandle.current().info().command().orElse(inHome.toString());
  }

  private static void addFile(Set<String> path, URL url) {
    if ("file".equals(url.getProtocol())) {
      try {
        path.add(Path.of(url.toURI()).toString());
      } catch (URISyntaxException | IllegalArgumentException e) {
        // not a local file: the worker asks for its classes instead
      }
    }
  }
}
