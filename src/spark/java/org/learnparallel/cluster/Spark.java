package org.learnparallel.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.learnparallel.cluster.internal.CellVariablesPlugin;
import org.learnparallel.cluster.internal.NotebookSparkContext;

/**
 * Makes a {@link JavaSparkContext} (the driver) for a notebook or a program: in this JVM ({@link
 * #local(int)}), on a {@link LocalCluster}, or on any Spark standalone Master. On a cluster,
 * functions and variables defined in notebook cells reach the executors. The driver binds to
 * 127.0.0.1, its web UI is off and Spark's log lines are silenced (failures still reach the caller
 * as exceptions; {@code sc.setLogLevel("WARN")} brings the logs back).
 *
 * <p>One SparkContext can run in a JVM at a time: making a new one stops the one this class made
 * before, so that a notebook cell can be run again.
 *
 * <pre>{@code
 * JavaSparkContext sc = Spark.local(2);
 * System.out.println(sc.parallelize(List.of(1, 2, 3, 4, 5), 2).map(x -> x * x).collect());
 * sc.close();
 * }</pre>
 */
public final class Spark {
  private static final Duration EXECUTOR_TIMEOUT = Duration.ofSeconds(120); // a loaded 2-core CI machine needs most of it
  private static SparkContext last; // guarded by Spark.class

  private Spark() {}

  /** A driver that runs tasks on {@code threads} threads of this JVM: Spark's local mode. */
  public static JavaSparkContext local(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    return start(conf("local[" + threads + "]"));
  }

  /**
   * A driver for {@code cluster}, using all its cores, with its secret; returns once every Worker
   * has started an executor for it.
   */
  public static JavaSparkContext on(LocalCluster cluster) {
    SparkConf conf = conf(cluster.masterUrl())
        .set("spark.authenticate", "true")
        .set("spark.authenticate.secret", cluster.secret())
        .set("spark.cores.max", Integer.toString(cluster.workers() * cluster.coresPerWorker()))
        .set("spark.executor.memory", cluster.memoryPerWorkerMb() + "m");
    if (!cluster.executorExtraClassPath().isEmpty()) {
      conf.set("spark.executor.extraClassPath", cluster.executorExtraClassPath());
    }
    JavaSparkContext sc = start(forCluster(conf));
    awaitExecutors(sc, cluster.workers(), cluster.memoryPerWorkerMb());
    return sc;
  }

  /**
   * Waits until {@code count} executors have registered, so that the first job's tasks spread over
   * all of them instead of going to whichever started first.
   */
  private static void awaitExecutors(JavaSparkContext sc, int count, int memoryMb) {
    long deadline = System.nanoTime() + EXECUTOR_TIMEOUT.toNanos();
    // the driver counts itself among the executors
    while (sc.sc().statusTracker().getExecutorInfos().length < count + 1) {
      if (sc.sc().isStopped()) {
        throw new IllegalStateException("the cluster ended this application before its " + count
            + " executors started (the Master gives up on an application whose executors keep failing)");
      }
      if (System.nanoTime() > deadline) {
        int got = sc.sc().statusTracker().getExecutorInfos().length - 1;
        sc.close();
        throw new IllegalStateException(count + " executors did not start within "
            + EXECUTOR_TIMEOUT.toSeconds() + " s (" + got + " did): the machine may lack the memory"
            + " (" + memoryMb + " MB per executor)");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        sc.close();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the executors were starting", e);
      }
    }
  }

  /**
   * A driver for the standalone Master at {@code masterUrl} ({@code spark://host:7077}). Its
   * executors must have this library on their classpath.
   */
  public static JavaSparkContext connect(String masterUrl) {
    if (masterUrl == null || !masterUrl.startsWith("spark://")) {
      throw new IllegalArgumentException("a standalone Master's URL starts with spark://, got " + masterUrl);
    }
    return start(forCluster(conf(masterUrl)));
  }

  private static SparkConf conf(String master) {
    quietLogs();
    return new SparkConf()
        .setMaster(master)
        .setAppName("notebook")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false");
  }

  private static SparkConf forCluster(SparkConf conf) {
    Path classes;
    try {
      classes = Files.createTempDirectory("spark-notebook-classes-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the notebook's classes", e);
    }
    classes.toFile().deleteOnExit();
    return conf
        .set("spark.repl.class.outputDir", classes.toString())
        .set("spark.plugins", CellVariablesPlugin.class.getName())
        .set("spark.executor.extraJavaOptions", "-XX:+UseSerialGC");
  }

  private static synchronized JavaSparkContext start(SparkConf conf) {
    if (last != null && !last.isStopped()) {
      last.stop();
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    // Spark finds its plugins and serializers through the context class loader: under JJava, the
    // cell thread's is not the one that loaded Spark and this library
    Thread.currentThread().setContextClassLoader(Spark.class.getClassLoader());
    try {
      last = new NotebookSparkContext(conf);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    return new JavaSparkContext(last);
  }

  /** Spark logs to the console at INFO unless told otherwise: in a notebook, each line would land in a cell. */
  private static void quietLogs() {
    if (System.getProperty("log4j2.configurationFile") == null) {
      URL quiet = Spark.class.getResource("internal/log4j2-driver.properties");
      if (quiet != null) {
        System.setProperty("log4j2.configurationFile", quiet.toString());
      }
    }
  }
}
