package org.learnparallel.pool.internal.process;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
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

  private final DataOutputStream out;
  private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<byte[][]>> classRequests = new ConcurrentHashMap<>();
  private final ClassLoader loader = new ShippedClassLoader();
  private final Thread taskThread;
  private final Object lock = new Object();
  private long running = NONE; // guarded by lock
  private final Set<Long> cancelled = new HashSet<>(); // guarded by lock: cancels that came before their task ran
  /** Notebook variables that could not be sent ("REPL.$JShell$33.reader"), and their types. */
  private final Map<String, String> notSent = new ConcurrentHashMap<>();
  private PoolBrokenException initFailure; // only the task thread reads and writes it

  /** A task, the initializer, or a cell's changed variables (then {@code className} is set). */
  private record Job(byte type, long id, String className, byte[] payload) {}

  private WorkerMain(String name) {
    out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    taskThread = new Thread(this::runJobs, name);
    taskThread.setContextClassLoader(loader); // libraries that look classes up there see the notebook's too
  }

  public static void main(String[] args) {
    WorkerMain worker = new WorkerMain(args[1]);
    worker.send(Protocol.START);
    // Through the protocol, so that what a task prints arrives before its result, in the same cell.
    // The JVM's own messages (a crash, OutOfMemoryError) still go to the real stderr, pumped too.
    System.setOut(new PrintStream(new BufferedOutputStream(worker.new Output(Protocol.OUTPUT), 8192), true));
    System.setErr(new PrintStream(new BufferedOutputStream(worker.new Output(Protocol.ERROR_OUTPUT), 8192), true));
    System.setIn(InputStream.nullInputStream()); // stdin is the protocol's
    watchParent(Long.parseLong(args[0]));
    worker.taskThread.start();
    worker.readFrames(new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16)));
  }

  /** Belt to stdin's end: a parent killed while a grandchild holds our stdin still ends us. */
  private static void watchParent(long parentPid) {
    ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
    Thread t = new Thread(() -> {
      while (parent != null && parent.isAlive()) {
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
      Runtime.getRuntime().halt(1);
    }, "parent-watch");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Reads stdin to its end. It only hands frames on: were it to write to stdout, it could block
   * on a full pipe while the parent blocks writing to a full stdin.
   */
  private void readFrames(DataInputStream in) {
    try {
      while (true) {
        byte type = in.readByte();
        switch (type) {
          case Protocol.INIT -> jobs.add(new Job(type, Protocol.INIT_ID, null, Protocol.readBytes(in)));
          case Protocol.TASK -> jobs.add(new Job(type, in.readLong(), null, Protocol.readBytes(in)));
          case Protocol.STATICS -> jobs.add(new Job(type, NONE, in.readUTF(), Protocol.readBytes(in)));
          case Protocol.CANCEL -> cancel(in.readLong());
          case Protocol.CLASS_BYTES -> {
            String name = in.readUTF();
            classRequests.remove(name).complete(new byte[][] {Protocol.readBytes(in), Protocol.readBytes(in)});
          }
          default -> throw new IOException("unknown frame type " + type);
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
      Job job;
      try {
        job = jobs.take();
      } catch (InterruptedException e) {
        continue; // a cancel that came too late: nothing runs now
      }
      if (job.type() == Protocol.STATICS) {
        setVariables(job.className(), job.payload());
        continue;
      }
      synchronized (lock) {
        if (cancelled.remove(job.id())) {
          reply(Protocol.FAILURE, job.id(), failure(new CancellationException()));
          continue;
        }
        running = job.id();
      }
      run(job);
      synchronized (lock) {
        running = NONE;
        Thread.interrupted(); // a cancel that came as the task ended must not hit the next one
      }
    }
  }

  private void run(Job job) {
    if (job.type() == Protocol.INIT) {
      initialize(job.payload());
      return;
    }
    byte type;
    byte[] bytes;
    try {
      if (initFailure != null) {
        throw initFailure;
      }
      Task<?> task = (Task<?>) Serial.read(job.payload(), this::load);
      Object result = task.call();
      flushOutput(); // what the task printed goes before its result
      type = Protocol.RESULT;
      bytes = Serial.write(task.toSend(result, this::explain), "result", l -> {});
    } catch (Throwable t) {
      flushOutput();
      type = Protocol.FAILURE;
      bytes = failure(explain(t));
    }
    reply(type, job.id(), bytes);
  }

  /**
   * Runs the initializer. If it throws, the worker stays and fails every task it is given with
   * that error, as a thread worker does: a clear error for each call, never a restart loop.
   */
  private void initialize(byte[] initializer) {
    try {
      ((Task<?>) Serial.read(initializer, this::load)).call();
    } catch (Throwable t) {
      initFailure = new PoolBrokenException(
          "the initializer failed in worker " + taskThread.getName() + ": " + t, explain(t));
    }
    flushOutput();
    reply(Protocol.READY, Protocol.INIT_ID, null);
  }

  private static void flushOutput() {
    System.out.flush();
    System.err.flush();
  }

  private Class<?> load(String name) throws ClassNotFoundException {
    return Class.forName(name, false, loader);
  }

  /** Sets a notebook cell's top-level variables, which the cell's code set in the parent. */
  private void setVariables(String className, byte[] variables) {
    try {
      Class<?> cell = load(className);
      @SuppressWarnings("unchecked")
      Map<String, byte[]> values = (Map<String, byte[]>) Serial.read(variables, this::load);
      for (Map.Entry<String, byte[]> v : values.entrySet()) {
        Field f = cell.getDeclaredField(v.getKey());
        f.setAccessible(true);
        Object value = Serial.read(v.getValue(), this::load);
        String qualified = className + "." + v.getKey();
        if (value instanceof CellStatics.NotSent n) {
          notSent.put(qualified, n.type());
          value = null;
        } else {
          notSent.remove(qualified);
        }
        f.set(null, value);
      }
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      System.err.println("worker: could not set the variables of " + className + ": " + e);
    }
  }

  /** A failure on a notebook variable that could not be sent gets a message that says so. */
  private Throwable explain(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof NullPointerException && c.getMessage() != null) {
        for (Map.Entry<String, String> v : notSent.entrySet()) {
          if (c.getMessage().contains("\"" + v.getKey() + "\"")) {
            String name = v.getKey().substring(v.getKey().lastIndexOf('.') + 1);
            return new IllegalStateException("the notebook variable " + name + " holds a " + v.getValue()
                + ", which is not Serializable, so worker processes see null in its place:"
                + " create it inside the function, or use a Serializable type", t);
          }
        }
      }
    }
    return t;
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

  private void reply(byte type, long id, byte[] bytes) {
    synchronized (out) {
      try {
        out.writeByte(type);
        if (type != Protocol.READY) {
          out.writeLong(id);
          Protocol.writeBytes(out, bytes);
        }
        out.flush();
      } catch (IOException e) {
        Runtime.getRuntime().halt(0); // the parent is gone
      }
    }
  }

  private void send(byte[] raw) {
    synchronized (out) {
      try {
        out.write(raw);
        out.flush();
      } catch (IOException e) {
        Runtime.getRuntime().halt(0);
      }
    }
  }

  private void send(byte type, Object frame) {
    synchronized (out) {
      try {
        out.writeByte(type);
        if (frame instanceof String name) {
          out.writeUTF(name);
        } else {
          Protocol.writeBytes(out, (byte[]) frame);
        }
        out.flush();
      } catch (IOException e) {
        Runtime.getRuntime().halt(0);
      }
    }
  }

  /**
   * Defines the classes the worker lacks (a notebook's cells) from bytecode the parent sends, and
   * serves that bytecode as resources: a pool made by a task here ships it on to its own workers.
   */
  private final class ShippedClassLoader extends ClassLoader {
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private final Map<String, byte[]> defined = new ConcurrentHashMap<>(); // by resource name

    @Override
    public InputStream getResourceAsStream(String name) {
      byte[] bytes = defined.get(name);
      return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
    }

    ShippedClassLoader() {
      super("shipped-from-parent", ClassLoader.getSystemClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (missing.contains(name)) {
        throw new ClassNotFoundException(name);
      }
      CompletableFuture<byte[][]> answer = new CompletableFuture<>();
      classRequests.put(name, answer);
      send(Protocol.CLASS_REQUEST, name);
      byte[][] bytesAndVariables;
      try {
        bytesAndVariables = answer.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClassNotFoundException(name + " (interrupted while asking the parent for it)");
      } catch (ExecutionException e) {
        throw new ClassNotFoundException(name, e.getCause());
      }
      byte[] bytes = bytesAndVariables[0];
      if (bytes == null) {
        missing.add(name);
        throw new ClassNotFoundException(name + " (the parent process does not have it either)");
      }
      Class<?> c = defineClass(name, bytes, 0, bytes.length);
      defined.put(name.replace('.', '/') + ".class", bytes);
      if (bytesAndVariables[1] != null) {
        setVariables(name, bytesAndVariables[1]);
      }
      return c;
    }
  }

  /** What tasks print: each flush becomes a frame of {@code type}, printed by the parent. */
  private final class Output extends OutputStream {
    private final byte type;

    Output(byte type) {
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
        send(type, chunk);
      }
    }
  }
}
