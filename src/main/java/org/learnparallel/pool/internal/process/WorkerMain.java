package org.learnparallel.pool.internal.process;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.learnparallel.pool.PoolBrokenException;
import org.learnparallel.pool.internal.Task;
import org.learnparallel.pool.internal.process.Protocol.Frame;
import org.learnparallel.pool.internal.shipping.Serial;
import org.learnparallel.pool.internal.shipping.Shared;
import org.learnparallel.pool.internal.shipping.ShippedClassLoader;

/**
 * The {@code main} of a worker process, started by {@link ProcessBackend}. It reads frames of
 * {@link Protocol} from stdin and runs tasks one at a time; stdout carries the replies, so
 * {@code System.out} is replaced by a stream that sends what tasks print to the parent as frames.
 * Classes it does not have (those defined in notebook cells) it asks the parent for.
 *
 * <p>It exits as soon as stdin ends (the parent closed the pool or died) or the parent process
 * is gone; nobody runs it by hand:
 *
 * <pre>{@code
 * java -cp learn-parallel.jar org.learnparallel.pool.internal.process.WorkerMain PARENT_PID WORKER_NAME
 * }</pre>
 */
public final class WorkerMain {
  private static final long NONE = -1;

  private final Protocol.Writer out = new Protocol.Writer(new FileOutputStream(FileDescriptor.out));
  private final BlockingQueue<Frame> jobs = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<byte[][]>> classRequests = new ConcurrentHashMap<>();
  // Anonymous classes, not lambdas, up to READY: a JVM's first lambda costs it milliseconds of CPU.
  private final ShippedClassLoader loader = new ShippedClassLoader(new ShippedClassLoader.Sender() {
    @Override
    public byte[][] ship(String name) throws InterruptedException {
      return askParent(name);
    }
  });
  private final Thread taskThread;
  private final Object lock = new Object();
  private long running = NONE; // guarded by lock
  private final Set<Long> cancelled = new HashSet<>(); // guarded by lock: cancels that came before their task ran
  private PoolBrokenException initFailure; // only the task thread reads and writes it

  private WorkerMain(String name) {
    taskThread = new Thread(name) {
      @Override
      public void run() {
        runJobs();
      }
    };
    taskThread.setContextClassLoader(loader); // libraries that look classes up there see the notebook's too
  }

  public static void main(String[] args) {
    WorkerMain worker = new WorkerMain(args[1]);
    try {
      worker.out.writeRaw(Protocol.START);
    } catch (IOException e) {
      Runtime.getRuntime().halt(0);
    }
    // Through the protocol, so that what a task prints arrives before its result, in the same cell.
    // The JVM's own messages (a crash, OutOfMemoryError) still go to the real stderr, pumped too.
    System.setOut(new PrintStream(new BufferedOutputStream(worker.new Output(Protocol.Type.OUTPUT), 8192), true));
    System.setErr(new PrintStream(new BufferedOutputStream(worker.new Output(Protocol.Type.ERROR_OUTPUT), 8192), true));
    System.setIn(InputStream.nullInputStream()); // stdin is the protocol's
    watchParent(Long.parseLong(args[0]));
    worker.taskThread.start();
    worker.readFrames(new Protocol.Reader(new FileInputStream(FileDescriptor.in)));
  }

  /**
   * Belt to stdin's end: a parent killed while a grandchild holds our stdin still ends us. Its first
   * look comes after a pause, off the way to READY: the first use of {@code ProcessHandle} costs a
   * worker JVM about a tenth of its start.
   */
  private static void watchParent(long parentPid) {
    Thread t = new Thread("parent-watch") {
      @Override
      public void run() {
        try {
          Thread.sleep(500);
          ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
          while (parent != null && parent.isAlive()) {
            Thread.sleep(500);
          }
        } catch (InterruptedException e) {
          return;
        }
        Runtime.getRuntime().halt(1);
      }
    };
    t.setDaemon(true);
    t.start();
  }

  /**
   * Reads stdin to its end. It only hands frames on: were it to write to stdout, it could block
   * on a full pipe while the parent blocks writing to a full stdin.
   */
  private void readFrames(Protocol.Reader in) {
    try {
      while (true) {
        Frame f = in.read();
        switch (f.type()) {
          case INIT, TASK, CHUNK, STATICS, SHARED -> jobs.add(f);
          case CANCEL -> cancel(f.id());
          case CLASS_BYTES -> classRequests.remove(f.name()).complete(new byte[][] {f.bytes(), f.more()});
          default -> throw new IOException("unexpected frame type " + f.type());
        }
      }
    } catch (EOFException e) {
      Runtime.getRuntime().halt(0); // the parent closed the pool or died: nothing left to do
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
      Runtime.getRuntime().halt(2);
    }
  }

  /** Interrupts the task if it runs, else marks it to be dropped when its turn comes. */
  private void cancel(long id) {
    synchronized (lock) {
      if (running == id) {
        taskThread.interrupt();
      } else {
        cancelled.add(id);
      }
    }
  }

  private void runJobs() {
    while (true) {
      Frame job;
      try {
        job = jobs.take();
      } catch (InterruptedException e) {
        continue; // a cancel that came too late: nothing runs now
      }
      if (job.type() == Protocol.Type.STATICS) {
        loader.setVariables(job.name(), job.bytes());
        continue;
      }
      if (job.type() == Protocol.Type.SHARED) {
        receive(job);
        continue;
      }
      synchronized (lock) {
        if (cancelled.remove(job.id())) {
          send(Frame.of(Protocol.Type.FAILURE, job.id(), failure(new CancellationException())));
          continue;
        }
        running = job.id();
      }
      if (job.type() == Protocol.Type.INIT) {
        initialize(job.bytes());
      } else {
        run(job);
      }
      synchronized (lock) {
        running = NONE;
        Thread.interrupted(); // a cancel that came as the task ended must not hit the next one
      }
    }
  }

  private void run(Frame job) {
    Protocol.Type type;
    byte[] bytes;
    try {
      if (initFailure != null) {
        throw initFailure;
      }
      Task<?> task = job.type() == Protocol.Type.CHUNK ? ChunkForm.read(job.bytes()) : (Task<?>) loader.read(job.bytes());
      Object result = task.call();
      flushOutput(); // what the task printed goes before its result
      type = Protocol.Type.RESULT;
      bytes = Serial.write(task.toSend(result, loader::explain), "result", l -> {});
    } catch (Throwable t) {
      flushOutput();
      type = Protocol.Type.FAILURE;
      bytes = failure(loader.explain(t));
    }
    send(Frame.of(type, job.id(), bytes));
  }

  /**
   * Runs the initializer. If it throws, the worker stays and fails every task it is given with
   * that error, as a thread worker does: a clear error for each call, never a restart loop.
   */
  /**
   * Runs the initializer, if any (none: empty bytes), then tells the parent it is ready. With no
   * initializer it is ready before it has used serialization, whose first use is a large part of a
   * worker's start (loading its filter configuration scans every jar of the classpath for a
   * logger service); that first use comes right after, while the parent goes on.
   */
  private void initialize(byte[] initializer) {
    if (initializer.length > 0) {
      try {
        ((Task<?>) loader.read(initializer)).call();
      } catch (Throwable t) {
        initFailure = new PoolBrokenException(
            "the initializer failed in worker " + taskThread.getName() + ": " + t, loader.explain(t));
      }
      flushOutput();
    }
    send(Frame.of(Protocol.Type.READY, Protocol.INIT_ID, null));
    if (initializer.length == 0) {
      try {
        loader.read(Serial.write(Protocol.Type.READY, "warm-up", l -> {}));
      } catch (IOException | ClassNotFoundException e) {
        // the first task meets the same error and reports it
      }
    }
  }

  /** Reads a shared value (a call's function) here, on the task thread, which may ask for its classes. */
  private void receive(Frame job) {
    try {
      Shared.receive(job.id(), loader.read(job.bytes()));
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      Shared.receive(job.id(), e); // the tasks that use it fail with it
    }
  }

  private static void flushOutput() {
    System.out.flush();
    System.err.flush();
  }

  private static byte[] failure(Throwable t) {
    try {
      return Serial.write(t, "exception", l -> {});
    } catch (IllegalArgumentException notSerializable) {
      RuntimeException copy = new RuntimeException(t + " (its exception object is not Serializable)");
      copy.setStackTrace(t.getStackTrace());
      return Serial.write(copy, "exception", l -> {});
    }
  }

  private void send(Frame frame) {
    try {
      out.write(frame);
    } catch (IOException e) {
      Runtime.getRuntime().halt(0); // the parent is gone
    }
  }

  /** Asks the parent for a class and waits for its bytecode (see {@link ShippedClassLoader}). */
  private byte[][] askParent(String name) throws InterruptedException {
    CompletableFuture<byte[][]> answer = new CompletableFuture<>();
    classRequests.put(name, answer);
    send(Frame.named(Protocol.Type.CLASS_REQUEST, name, null, null));
    try {
      return answer.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // not reached: nothing completes it exceptionally
    }
  }

  /** What tasks print: each flush becomes a frame of {@code type}, printed by the parent. */
  private final class Output extends OutputStream {
    private final Protocol.Type type;

    Output(Protocol.Type type) {
      this.type = type;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (len > 0) {
        byte[] chunk = new byte[len];
        System.arraycopy(b, off, chunk, 0, len);
        send(Frame.of(type, NONE, chunk));
      }
    }
  }
}
