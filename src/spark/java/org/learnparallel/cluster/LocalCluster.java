package org.learnparallel.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.learnparallel.cluster.internal.Classpath;
import org.learnparallel.cluster.internal.DaemonJvm;
import org.learnparallel.cluster.internal.MachineMemory;

/**
 * A real Spark standalone cluster on this machine: a Master JVM and N Worker JVMs, on 127.0.0.1
 * only, on ports the system picks, with a secret made for this cluster ({@code spark.authenticate}).
 * Each Worker launches one executor JVM per application. No JVM outlives this cluster: {@link
 * #close()} stops them, and each daemon also exits when the JVM that started it dies (kill -9 of a
 * notebook kernel included). Starting a cluster closes the one this JVM started before, if still
 * running: running a notebook cell again must not leave a cluster behind each time.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(2);
 *      JavaSparkContext sc = Spark.on(cluster)) {
 *   System.out.println(sc.parallelize(List.of(1, 2, 3, 4, 5), 2).map(x -> x * x).collect());
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {
  /** A Worker's memory unless set otherwise: one executor a little above Spark's minimum. */
  public static final int WORKER_MEMORY_MB = 512;
  /**
   * The smallest Worker memory whose executor starts: Spark wants 450 MB of usable heap (1.5 times
   * its 300 MB reserve), and a JVM given -Xmx450m reports less (it keeps a survivor space apart).
   */
  public static final int MIN_EXECUTOR_MEMORY_MB = 480;
  /** What a Master or Worker JVM may take (64 MB of heap, plus its classes, threads and code). */
  static final int DAEMON_MEMORY_MB = 160;
  /**
   * What an executor JVM takes to start and run small jobs (notebook 07's took up to 282 MB resident
   * on one CPU); it may grow to its Worker's memory.
   */
  static final int EXECUTOR_START_MEMORY_MB = 288;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
  private static LocalCluster last; // guarded by LocalCluster.class

  private final Path dir;
  private final Classpath classpath;
  private final String secret;
  private final int coresPerWorker;
  private final int memoryPerWorkerMb;
  private final List<Process> daemons = new ArrayList<>(); // the Master first
  private String masterUrl;
  private volatile boolean closed;

  private LocalCluster(Path dir, Classpath classpath, String secret, int coresPerWorker, int memoryPerWorkerMb) {
    this.dir = dir;
    this.classpath = classpath;
    this.secret = secret;
    this.coresPerWorker = coresPerWorker;
    this.memoryPerWorkerMb = memoryPerWorkerMb;
  }

  /** Starts a Master and {@code workers} Workers of one core each; returns when all have registered. */
  public static LocalCluster start(int workers) {
    return start(workers, 1);
  }

  /**
   * Starts a Master and {@code workers} Workers of {@code coresPerWorker} cores and {@link
   * #WORKER_MEMORY_MB} MB each; returns when every Worker has registered with the Master.
   *
   * @throws IllegalArgumentException if a count is below 1
   * @throws NotEnoughMemoryException if the machine lacks the memory (before any JVM starts)
   * @throws IllegalStateException if a daemon does not start (its log's last lines are in the
   *     message); nothing is left running then
   */
  public static LocalCluster start(int workers, int coresPerWorker) {
    return builder().workers(workers).coresPerWorker(coresPerWorker).start();
  }

  /**
   * Settings beyond the number of Workers: cores and memory per Worker, a fixed Master port.
   *
   * <pre>{@code
   * LocalCluster cluster = LocalCluster.builder().workers(2).memoryPerWorkerMb(480).start();
   * }</pre>
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The settings of a cluster to start; every setter returns this builder. */
  public static final class Builder {
    private int workers = 1;
    private int coresPerWorker = 1;
    private int memoryPerWorkerMb = WORKER_MEMORY_MB;
    private int masterPort = 0;

    private Builder() {}

    /** How many Worker JVMs (each runs one executor); 1 unless set. */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /** How many tasks each Worker's executor runs at once; 1 unless set. */
    public Builder coresPerWorker(int cores) {
      this.coresPerWorker = cores;
      return this;
    }

    /** Each Worker's memory, which its executor gets: {@link #WORKER_MEMORY_MB} unless set, at least {@link #MIN_EXECUTOR_MEMORY_MB}. */
    public Builder memoryPerWorkerMb(int megabytes) {
      this.memoryPerWorkerMb = megabytes;
      return this;
    }

    /** The Master's port, as a real cluster's 7077; 0 (unless set) lets the system pick a free one. */
    public Builder masterPort(int port) {
      this.masterPort = port;
      return this;
    }

    /** Starts the cluster; see {@link LocalCluster#start(int, int)}. */
    public LocalCluster start() {
      return LocalCluster.start(this);
    }
  }

  private static synchronized LocalCluster start(Builder settings) {
    int workers = settings.workers;
    int coresPerWorker = settings.coresPerWorker;
    if (workers < 1 || coresPerWorker < 1) {
      throw new IllegalArgumentException("workers and cores per worker must be at least 1, got "
          + workers + " and " + coresPerWorker);
    }
    if (settings.memoryPerWorkerMb < MIN_EXECUTOR_MEMORY_MB) {
      throw new IllegalArgumentException("a Worker needs at least " + MIN_EXECUTOR_MEMORY_MB
          + " MB (executors with less fail to start), got " + settings.memoryPerWorkerMb + " MB");
    }
    if (settings.masterPort < 0 || settings.masterPort > 65535) {
      throw new IllegalArgumentException("a port is 0 (any free one) to 65535, got " + settings.masterPort);
    }
    if (last != null) {
      last.close();
    }
    MachineMemory.requireAvailable(workers, settings.memoryPerWorkerMb, DAEMON_MEMORY_MB, EXECUTOR_START_MEMORY_MB);
    Path dir;
    try {
      dir = Files.createTempDirectory("spark-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the cluster", e);
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    LocalCluster cluster = new LocalCluster(dir, Classpath.linkInto(dir.resolve("spark-home")),
        HexFormat.of().formatHex(key), coresPerWorker, settings.memoryPerWorkerMb);
    try {
      cluster.startDaemons(workers, settings.masterPort);
      last = cluster;
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void startDaemons(int workers, int masterPort) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    // the Master's REST submission server would listen on the fixed port 6066: off. A port the user
    // chose is that port or an error, not the next free one Spark would quietly try instead.
    List<String> options = masterPort == 0 ? List.of("-Dspark.master.rest.enabled=false")
        : List.of("-Dspark.master.rest.enabled=false", "-Dspark.port.maxRetries=0");
    DaemonJvm master = daemon("master", options, "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", "0");
    masterUrl = master.awaitLog(MASTER_URL, deadline, START_TIMEOUT).group(1);
    List<DaemonJvm> started = new ArrayList<>();
    for (int i = 1; i <= workers; i++) {
      started.add(daemon("worker-" + i, List.of(), "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
          "--cores", Integer.toString(coresPerWorker), "--memory", memoryPerWorkerMb + "m",
          "--work-dir", dir.resolve("work-" + i).toString(), masterUrl));
    }
    Pattern registered = Pattern.compile("Successfully registered with master");
    for (DaemonJvm worker : started) {
      worker.awaitLog(registered, deadline, START_TIMEOUT);
    }
  }

  private DaemonJvm daemon(String name, List<String> jvmOptions, String mainClass, String... args) {
    DaemonJvm daemon = DaemonJvm.start(name, dir, classpath, secret, jvmOptions, mainClass, args);
    daemons.add(daemon.process());
    return daemon;
  }

  /** The Master's URL, {@code spark://127.0.0.1:PORT}, for {@link Spark#connect(String)} or spark-submit. */
  public String masterUrl() {
    return masterUrl;
  }

  /** How many cores each Worker offers (one executor per Worker uses them all). */
  public int coresPerWorker() {
    return coresPerWorker;
  }

  /** Each Worker's memory in MB, all of it for its executor. */
  public int memoryPerWorkerMb() {
    return memoryPerWorkerMb;
  }

  /** How many Workers there are. */
  public int workers() {
    return daemons.size() - 1;
  }

  /** The process ids of the Master and the Workers, Master first. */
  public List<Long> daemonPids() {
    return daemons.stream().map(Process::pid).toList();
  }

  /** The process ids of the executor JVMs running now (children of the Workers). */
  public List<Long> executorPids() {
    return daemons.stream().skip(1).flatMap(Process::children)
        .filter(ProcessHandle::isAlive).map(ProcessHandle::pid).sorted().toList();
  }

  /** The secret that applications must present ({@code spark.authenticate.secret}). */
  String secret() {
    return secret;
  }

  /** Folders of classes that executors need besides the jars (set only in a test run). */
  String executorExtraClassPath() {
    return classpath.extraForExecutors();
  }

  /**
   * Stops the Workers (which stop their executors) and the Master, waits for every one of these
   * JVMs to end (killing what has not ended within seconds), and deletes the cluster's folder.
   * Safe to call twice.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<ProcessHandle> all = new ArrayList<>();
    for (Process p : daemons) {
      all.addAll(p.descendants().toList());
      all.add(p.toHandle());
    }
    for (int i = daemons.size() - 1; i >= 0; i--) {
      daemons.get(i).destroy(); // SIGTERM: Spark's shutdown hooks stop a Worker's executors
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    for (ProcessHandle h : all) {
      h.destroyForcibly();
      h.onExit().join();
    }
    deleteTree(dir);
  }

  @Override
  public String toString() {
    return "LocalCluster[" + masterUrl + ", " + workers() + " workers x " + coresPerWorker + " cores"
        + (closed ? ", closed" : "") + "]";
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder: the system cleans it eventually
    }
  }
}
