package org.learnparallel.pool.internal.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.learnparallel.pool.WorkerDiedException;
import org.learnparallel.pool.internal.process.Protocol.Frame;
import org.learnparallel.pool.internal.shipping.ClassShipper;

/**
 * The parent's end of one worker JVM: sends tasks on its stdin, and a reader thread takes replies,
 * class requests and printed output from its stdout. Its death (end of stdout) fails the tasks
 * it had, at once.
 */
final class WorkerProcess {
  private final Dispatch dispatch;
  private final ClassShipper shipper;
  private final int slot;
  private final Process process;
  private final WorkerInput toWorker;
  private final Map<Long, TaskFuture<?>> inFlight = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final WorkerOutput.ErrorPump errors;
  private final AtomicBoolean dying = new AtomicBoolean();
  private final PipelineDepth pipeline = new PipelineDepth(System::nanoTime);
  private volatile WorkerDiedException death;
  private boolean refillDue; // a reply came, more tasks were not given yet; only the reader thread uses it
  private int sent; // guarded by the dispatch's lock, as is accepting
  private boolean accepting = true;

  /** Starts the worker's JVM and the thread that pumps its stderr; the reader starts in {@link #launch}. */
  private WorkerProcess(Dispatch dispatch, ClassShipper shipper, int slot, WorkerCommand command, String name)
      throws IOException {
    this.dispatch = dispatch;
    this.shipper = shipper;
    this.slot = slot;
    this.process = command.start(name);
    this.toWorker = new WorkerInput(process.getOutputStream(), shipper.receiver());
    this.errors = new WorkerOutput.ErrorPump(process.getErrorStream(), name + "-stderr");
  }

  /** Starts a worker JVM and sends it the initializer; does not wait for it to be ready. */
  static WorkerProcess launch(Dispatch dispatch, ClassShipper shipper, int slot, WorkerCommand command, String name,
      byte[] initializer) throws IOException {
    WorkerProcess w = new WorkerProcess(dispatch, shipper, slot, command, name);
    Thread reader = new Thread(w::readReplies, name + "-replies"); // after the constructor: sees its fields
    reader.setDaemon(true);
    reader.start();
    w.toWorker.init(initializer);
    return w;
  }

  long pid() {
    return process.pid();
  }

  int slot() {
    return slot;
  }

  Process process() {
    return process;
  }

  /** Waits until the worker has run its initializer, or until {@code orUntil} completes. */
  void awaitReady(Duration timeout, CompletableFuture<?> orUntil) throws InterruptedException, IOException {
    try {
      CompletableFuture.anyOf(ready, orUntil).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new IOException("worker process " + pid() + " was not ready after " + timeout.toMillis() + " ms"
          + errors.tail());
    }
  }

  /**
   * Whether it takes one more task now, as deep as its {@link PipelineDepth} allows (under the
   * dispatch's lock, as the next four).
   */
  boolean hasRoom() {
    int depth = pipeline.depth(inFlight.isEmpty());
    return accepting && inFlight.size() < depth;
  }

  int load() {
    return inFlight.size();
  }

  boolean isIdle() {
    return inFlight.isEmpty();
  }

  /** No more tasks for this one; false if it had stopped accepting already. */
  boolean stopAccepting() {
    boolean was = accepting;
    accepting = false;
    return was;
  }

  /** Counts the task as this worker's; {@link #send} writes it, outside the lock. */
  void reserve(TaskFuture<?> task) {
    inFlight.put(task.id, task);
    sent++;
  }

  int sent() {
    return sent;
  }

  /**
   * Writes reserved tasks in one batch (see {@link WorkerInput#send}). If the pipe is broken, the worker is dead or dying: the reader reports it and fails the tasks.
   */
  void send(List<TaskFuture<?>> tasks) {
    if (tasks.isEmpty()) {
      return;
    }
    try {
      toWorker.send(tasks);
    } catch (IOException e) {
      process.destroyForcibly(); // its stdout ends too: the reader takes it from there
    }
  }

  void cancel(long id) {
    try {
      toWorker.cancel(id);
    } catch (IOException e) {
      // dead already: its tasks fail anyway
    }
  }

  /** Ends the worker once it has read what was sent: it exits at the end of its stdin. */
  void endInput() {
    try {
      toWorker.end();
    } catch (IOException e) {
      // dead already
    }
  }

  /** Lets the tasks sent finish, then ends the worker. */
  void retire() throws InterruptedException {
    synchronized (inFlight) {
      while (death == null && !inFlight.isEmpty()) {
        inFlight.wait();
      }
    }
    endInput();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      kill();
    }
  }

  /** Cancels the tasks on this worker and ends it: politely, then by force after a grace. */
  void kill() {
    inFlight.values().forEach(f -> f.cancel(false));
    process.destroy();
    try {
      if (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void readReplies() {
    Protocol.Reader in = new Protocol.Reader(process.getInputStream());
    try {
      WorkerOutput.skipToStart(in.in);
      while (true) {
        Frame f = in.read();
        switch (f.type()) {
          case READY -> ready.complete(null);
          case RESULT, FAILURE -> complete(f.type(), f.id(), f.bytes(), !in.hasBuffered());
          case CLASS_REQUEST -> toWorker.shipClass(f.name());
          case OUTPUT -> WorkerOutput.print(System.out, f.bytes());
          case ERROR_OUTPUT -> WorkerOutput.print(System.err, f.bytes());
          default -> throw new Protocol.UnknownFrameException((byte) f.type().ordinal());
        }
        if (refillDue && !in.hasBuffered()) { // a burst that ended with no reply (printed output, say)
          refillDue = false;
          dispatch.replied(this);
        }
      }
    } catch (Protocol.UnknownFrameException e) {
      died(WorkerOutput.notProtocol(e.type, in.in));
    } catch (IOException e) {
      died(null);
    }
  }

  /**
   * Completes a task's future. With {@code refill} (the last frame of a burst), first gives the
   * worker more tasks, for this reply and the others of the burst: one write for them all.
   */
  private void complete(Protocol.Type type, long id, byte[] bytes, boolean refill) {
    Object value;
    try {
      value = shipper.read(bytes);
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      type = Protocol.Type.FAILURE;
      value = e;
    }
    TaskFuture<?> f = inFlight.remove(id);
    if (f == null) {
      return; // the worker died meanwhile: its tasks failed already
    }
    pipeline.replied();
    synchronized (inFlight) {
      inFlight.notifyAll(); // for retire()
    }
    refillDue = !refill;
    if (refill) {
      dispatch.replied(this); // the next tasks first: the worker should not wait for our caller
    }
    if (type == Protocol.Type.RESULT) {
      @SuppressWarnings("unchecked")
      TaskFuture<Object> g = (TaskFuture<Object>) f;
      g.complete(value);
    } else {
      f.completeExceptionally((Throwable) value);
    }
  }

  /**
   * Called once, by the reader thread, when the worker's stdout ended or broke the protocol. Holds
   * no lock while it waits for the exit code or completes futures (which runs callbacks): the
   * dispatch stops giving this worker tasks first, so that none is added after the lost ones are
   * taken.
   *
   * @param brokeProtocol why the worker is stopped although it runs, or null if it ended
   */
  private void died(String brokeProtocol) {
    if (!dying.compareAndSet(false, true)) {
      return;
    }
    String exit;
    try {
      if (brokeProtocol != null) {
        process.destroyForcibly();
        exit = "stopped: " + brokeProtocol;
      } else {
        exit = process.waitFor(2, TimeUnit.SECONDS) ? WorkerOutput.describe(process.exitValue()) : "its pipe broke";
      }
      errors.awaitEnd(500); // its last words, for the message
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exit = "interrupted while waiting for its exit code";
    }
    process.destroyForcibly(); // a worker whose pipe broke is useless even if alive
    dispatch.died(this); // no task is reserved for it after this
    List<TaskFuture<?>> lost = new ArrayList<>();
    for (Long id : inFlight.keySet()) {
      TaskFuture<?> f = inFlight.remove(id);
      if (f != null) {
        lost.add(f);
      }
    }
    String when = ready.isDone()
        ? " while it had " + lost.size() + " task(s); the pool starts a new worker in its place"
        : " before it was ready";
    death = new WorkerDiedException(pid(), "worker process " + pid() + " died (" + exit + ")" + when + errors.tail());
    synchronized (inFlight) {
      inFlight.notifyAll(); // for retire()
    }
    ready.completeExceptionally(death);
    lost.forEach(f -> f.completeExceptionally(death));
  }
}
