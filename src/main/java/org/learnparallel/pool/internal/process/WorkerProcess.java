package org.learnparallel.pool.internal.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.learnparallel.pool.WorkerDiedException;

/**
 * The parent's end of one worker JVM: sends tasks on its stdin, and a reader thread takes replies,
 * class requests and printed output from its stdout. Its death (end of stdout) fails the tasks
 * it had, at once.
 */
final class WorkerProcess {
  /**
   * Tasks a worker may have at once: one running, others sent ahead so that it does not wait for
   * the parent between two tasks. Short tasks (replies less than {@link #SHORT} apart) get a deeper
   * pipeline, since the parent's turn-around is then longer than a task; long ones only one ahead,
   * so that a worker that falls idle does not watch another hold several tasks that it could run.
   */
  static final int PIPELINE_LONG = 2;
  static final int PIPELINE_SHORT = 6;
  private static final long SHORT = 1_000_000; // ns
  private static final int ERROR_TAIL = 2000;

  private final ProcessBackend backend;
  private final int slot;
  private final Process process;
  private final DataOutputStream toWorker;
  private final Map<Long, TaskFuture<?>> inFlight = new ConcurrentHashMap<>();
  private final Map<String, CellStatics> cells = new ConcurrentHashMap<>(); // notebook classes it has
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final StringBuilder errorTail = new StringBuilder(); // guarded by itself
  private volatile WorkerDiedException death;
  private Thread errorPump;
  private volatile int pipeline = PIPELINE_LONG;
  private long lastReply; // nanoTime; only the reader thread uses it
  private int sent; // guarded by the backend's lock, as is accepting
  private boolean accepting = true;

  private WorkerProcess(ProcessBackend backend, int slot, Process process) {
    this.backend = backend;
    this.slot = slot;
    this.process = process;
    this.toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
  }

  /** Starts a worker JVM and sends it the initializer; does not wait for it to be ready. */
  static WorkerProcess launch(ProcessBackend backend, int slot, List<String> command, byte[] initializer)
      throws IOException {
    WorkerProcess w = new WorkerProcess(backend, slot, new ProcessBuilder(command).start());
    String name = command.get(command.size() - 1);
    daemon(w::readReplies, name + "-replies");
    w.errorPump = daemon(w::pumpErrors, name + "-stderr");
    synchronized (w.toWorker) {
      w.toWorker.writeByte(Protocol.INIT);
      Protocol.writeBytes(w.toWorker, initializer);
      w.toWorker.flush();
    }
    return w;
  }

  private static Thread daemon(Runnable body, String name) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
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

  /** Waits until the worker has run its initializer. */
  void awaitReady(Duration timeout) throws InterruptedException, IOException {
    try {
      ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new IOException("worker process " + pid() + " was not ready after " + timeout.toMillis() + " ms"
          + errorOutput());
    }
  }

  /** Whether it takes one more task now (under the backend's lock, as the next four). */
  boolean hasRoom() {
    return accepting && death == null && inFlight.size() < pipeline;
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

  /** Writes a reserved task; if the worker is dead, the task fails as the others it had. */
  void send(TaskFuture<?> task) {
    try {
      synchronized (toWorker) {
        for (Map.Entry<String, CellStatics> cell : cells.entrySet()) {
          Map<String, byte[]> changed = cell.getValue().changes(backend::remember);
          if (changed != null) {
            toWorker.writeByte(Protocol.STATICS);
            toWorker.writeUTF(cell.getKey());
            Protocol.writeBytes(toWorker, Serial.write(changed, "variables", backend::remember));
          }
        }
        toWorker.writeByte(Protocol.TASK);
        toWorker.writeLong(task.id);
        Protocol.writeBytes(toWorker, task.task);
        toWorker.flush();
      }
    } catch (IOException e) {
      died(null); // the reader sees the end of stdout as well; whoever comes first reports
    }
  }

  void cancel(long id) {
    try {
      synchronized (toWorker) {
        toWorker.writeByte(Protocol.CANCEL);
        toWorker.writeLong(id);
        toWorker.flush();
      }
    } catch (IOException e) {
      // dead already: its tasks fail anyway
    }
  }

  /** Ends the worker once it has read what was sent: it exits at the end of its stdin. */
  void endInput() {
    try {
      synchronized (toWorker) {
        toWorker.close();
      }
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
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16))) {
      skipToStart(in);
      while (true) {
        byte type = in.readByte();
        switch (type) {
          case Protocol.READY -> ready.complete(null);
          case Protocol.RESULT, Protocol.FAILURE -> complete(type, in.readLong(), Protocol.readBytes(in));
          case Protocol.CLASS_REQUEST -> sendClass(in.readUTF());
          case Protocol.OUTPUT -> print(System.out, Protocol.readBytes(in));
          case Protocol.ERROR_OUTPUT -> print(System.err, Protocol.readBytes(in));
          default -> {
            died(notProtocol(type, in));
            return;
          }
        }
      }
    } catch (IOException e) {
      died(null);
    }
  }

  /** Shows what came before {@link Protocol#START} (a JVM option's banner, say) as error output. */
  static void skipToStart(DataInputStream in) throws IOException {
    byte[] start = Protocol.START;
    ByteArrayOutputStream before = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < start.length) {
      byte b = in.readByte();
      if (b == start[matched]) {
        matched++;
      } else {
        before.write(start, 0, matched); // a partial match was text after all
        matched = b == start[0] ? 1 : 0; // start[0] appears nowhere else in START
        if (matched == 0) {
          before.write(b);
        }
      }
    }
    if (before.size() > 0) {
      print(System.err, before.toByteArray());
    }
  }

  /** What the worker wrote that is no frame: text from the JVM or an agent, most likely. */
  static String notProtocol(byte first, DataInputStream in) {
    byte[] more = new byte[160];
    int n = 0;
    try {
      n = Math.max(0, in.read(more, 0, Math.min(more.length, in.available())));
    } catch (IOException e) {
      // what came first is enough
    }
    String text = ((char) (first & 0xff) + new String(more, 0, n)).strip();
    return "it wrote \"" + text + "\" to its stdout, which carries the pool's messages"
        + " (a JVM option that prints there, set in JAVA_TOOL_OPTIONS for example?)";
  }

  private void complete(byte type, long id, byte[] bytes) {
    Object value;
    try {
      value = Serial.read(bytes, backend::resolve);
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      type = Protocol.FAILURE;
      value = e;
    }
    TaskFuture<?> f = inFlight.remove(id);
    if (f == null) {
      return; // the worker died meanwhile: its tasks failed already
    }
    long now = System.nanoTime();
    pipeline = now - lastReply < SHORT ? PIPELINE_SHORT : PIPELINE_LONG;
    lastReply = now;
    synchronized (inFlight) {
      inFlight.notifyAll(); // for retire()
    }
    backend.replied(this); // the next task first: the worker should not wait for our caller
    if (type == Protocol.RESULT) {
      @SuppressWarnings("unchecked")
      TaskFuture<Object> g = (TaskFuture<Object>) f;
      g.complete(value);
    } else {
      f.completeExceptionally((Throwable) value);
    }
  }

  private void sendClass(String name) throws IOException {
    byte[] bytes = backend.bytecode(name);
    byte[] variables = null;
    if (bytes != null && CellStatics.isCell(name)) {
      try {
        CellStatics cell = CellStatics.of(backend.resolve(name));
        cells.put(name, cell);
        Map<String, byte[]> values = cell.changes(backend::remember);
        variables = values == null ? null : Serial.write(values, "variables", backend::remember);
      } catch (ClassNotFoundException e) {
        // bytecode without a class: nothing to read variables from
      }
    }
    synchronized (toWorker) {
      toWorker.writeByte(Protocol.CLASS_BYTES);
      toWorker.writeUTF(name);
      Protocol.writeBytes(toWorker, bytes);
      Protocol.writeBytes(toWorker, variables);
      toWorker.flush();
    }
  }

  /** Prints to the stream current at arrival: JJava swaps System.out for each cell. */
  private static void print(PrintStream to, byte[] bytes) {
    to.write(bytes, 0, bytes.length);
    to.flush();
  }

  private void pumpErrors() {
    byte[] buffer = new byte[8192];
    try (InputStream err = process.getErrorStream()) {
      for (int n; (n = err.read(buffer)) > 0; ) {
        print(System.err, Arrays.copyOf(buffer, n));
        synchronized (errorTail) {
          errorTail.append(new String(buffer, 0, n));
          errorTail.delete(0, Math.max(0, errorTail.length() - ERROR_TAIL));
        }
      }
    } catch (IOException e) {
      // the worker ended
    }
  }

  private String errorOutput() {
    synchronized (errorTail) {
      return errorTail.length() == 0 ? "" : "; its error output:\n" + errorTail.toString().strip();
    }
  }

  /** @param brokeProtocol why the worker is stopped although it runs, or null if it ended */
  private synchronized void died(String brokeProtocol) {
    if (death != null) {
      return;
    }
    List<TaskFuture<?>> lost = new ArrayList<>(inFlight.values());
    String exit;
    try {
      if (brokeProtocol != null) {
        process.destroyForcibly();
        exit = "stopped: " + brokeProtocol;
      } else {
        exit = process.waitFor(2, TimeUnit.SECONDS) ? describe(process.exitValue()) : "its pipe broke";
      }
      errorPump.join(500); // its last words, for the message
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exit = "interrupted while waiting for its exit code";
    }
    process.destroyForcibly(); // a worker whose pipe broke is useless even if alive
    String when = ready.isDone()
        ? " while it had " + lost.size() + " task(s); the pool starts a new worker in its place"
        : " before it was ready";
    death = new WorkerDiedException(pid(), "worker process " + pid() + " died (" + exit + ")" + when + errorOutput());
    ready.completeExceptionally(death);
    lost.forEach(f -> f.completeExceptionally(death));
    inFlight.clear();
    synchronized (inFlight) {
      inFlight.notifyAll();
    }
    backend.died(this);
  }

  private static String describe(int exitCode) {
    if (exitCode == 3) {
      return "exit code 3: out of memory (OutOfMemoryError), or System.exit(3)";
    }
    if (exitCode > 128 && exitCode <= 128 + 64) {
      int signal = exitCode - 128;
      String name = switch (signal) {
        case 9 -> " (KILL)";
        case 15 -> " (TERM)";
        case 6 -> " (ABRT)";
        case 11 -> " (SEGV)";
        default -> "";
      };
      return "killed by signal " + signal + name;
    }
    return "exit code " + exitCode;
  }
}
