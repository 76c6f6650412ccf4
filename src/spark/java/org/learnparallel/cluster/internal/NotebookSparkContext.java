package org.learnparallel.cluster.internal;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import org.learnparallel.pool.internal.process.NotebookCells;
import scala.Function0;
import scala.Function1;
import scala.Function2;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;
import scala.reflect.ClassTag;
import scala.runtime.BoxedUnit;

/**
 * A SparkContext for notebooks: a job whose cell is interrupted (JupyterLab's stop button) is
 * cancelled, its running tasks interrupted, instead of running on unseen; and on a cluster, the
 * executors (in other JVMs) can run functions defined in notebook cells.
 *
 * <p>Before each job it writes the cells' classes into {@code spark.repl.class.outputDir}, the
 * folder that the driver serves to executors (Spark's own mechanism for its Scala shell; the
 * executors' class loader asks the driver for classes it lacks, once per class), and takes a
 * snapshot of the cells' top-level variables, which {@link CellVariablesPlugin} sets on each
 * executor before its next task. Both must be in place before the job's tasks are deserialized on
 * an executor, hence here and not in a listener (listeners hear of a job after it started).
 */
public final class NotebookSparkContext extends SparkContext {
  /** The local property carrying the version of the variables a job's tasks need. */
  static final String VARIABLES_VERSION = "org.learnparallel.cells.version";
  private static final Pattern NULL_VARIABLE =
      Pattern.compile("because \"(REPL\\.\\$JShell\\$\\w+)\\.(\\w+)\" is null");

  private final Path classDir; // null in local mode: the executor shares the cells' JVM
  private final AtomicLong calls = new AtomicLong();
  private final Map<String, byte[]> written = new HashMap<>();
  private final NotebookCells.Variables variables = new NotebookCells.Variables();
  private final Map<String, Map<String, byte[]>> values = new HashMap<>(); // class -> field -> bytes
  private final AtomicLong version = new AtomicLong();
  private volatile Snapshot snapshot = new Snapshot(0, Map.of());

  public NotebookSparkContext(SparkConf conf) {
    super(conf);
    this.classDir = conf.contains("spark.repl.class.outputDir") ? Path.of(conf.get("spark.repl.class.outputDir")) : null;
  }

  /** The variables of every cell as of the last job: what executors ask for. */
  record Snapshot(long version, Map<String, Map<String, byte[]>> values) implements Serializable {}

  Snapshot snapshot() {
    return snapshot;
  }

  @Override
  public <T, U> void runJob(RDD<T> rdd, Function2<TaskContext, Iterator<T>, U> func, Seq<Object> partitions,
      Function2<Object, U, BoxedUnit> resultHandler, ClassTag<U> tag) {
    Class<?> cell = beforeJob();
    String call = "notebook-call-" + calls.incrementAndGet();
    addJobTag(call);
    setInterruptOnCancel(true);
    try {
      super.runJob(rdd, func, partitions, resultHandler, tag);
    } catch (Exception e) { // SparkException is checked in Java, yet Scala throws it from here
      if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
        cancelJobsWithTag(call, "its notebook cell was interrupted");
      }
      throw NotebookSparkContext.<RuntimeException>sneaky(explain(e, cell));
    } finally {
      removeJobTag(call);
    }
  }

  @Override
  public <T, U, R> SimpleFutureAction<R> submitJob(RDD<T> rdd, Function1<Iterator<T>, U> func,
      Seq<Object> partitions, Function2<Object, U, BoxedUnit> resultHandler, Function0<R> result) {
    beforeJob();
    return super.submitJob(rdd, func, partitions, resultHandler, result);
  }

  /** Ships what the calling cell's notebook defined; returns that cell's class, or null. */
  private synchronized Class<?> beforeJob() {
    Class<?> cell = NotebookCells.callingCell().orElse(null);
    if (cell == null || classDir == null) {
      return null; // not a notebook, or local mode: the executors have the classes already
    }
    Map<String, byte[]> classes = NotebookCells.classes(cell.getClassLoader());
    boolean changed = false;
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      if (!Arrays.equals(written.get(c.getKey()), c.getValue())) {
        write(c.getKey(), c.getValue());
        written.put(c.getKey(), c.getValue());
      }
      if (c.getKey().startsWith("REPL.")) {
        try {
          Class<?> loaded = Class.forName(c.getKey(), false, cell.getClassLoader());
          Map<String, byte[]> changes = variables.changes(loaded);
          if (!changes.isEmpty()) {
            values.computeIfAbsent(c.getKey(), k -> new HashMap<>()).putAll(changes);
            changed = true;
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // a cell class that JJava holds but could not define: it has no variables to read
        }
      }
    }
    if (changed) {
      Map<String, Map<String, byte[]>> copy = new HashMap<>();
      values.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
      snapshot = new Snapshot(version.incrementAndGet(), Map.copyOf(copy));
    }
    setLocalProperty(VARIABLES_VERSION, Long.toString(snapshot.version()));
    return cell;
  }

  private void write(String className, byte[] bytes) {
    Path file = classDir.resolve(className.replace('.', '/') + ".class");
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the class " + className + " for the executors", e);
    }
  }

  /**
   * A task that failed on a notebook variable that executors see as null, because its value is not
   * Serializable, gets a message that says so (as the process pool's workers do).
   */
  private static Exception explain(Exception e, Class<?> cell) {
    if (cell == null) {
      return e;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m = t.getMessage() == null ? null : NULL_VARIABLE.matcher(t.getMessage());
      if (m != null && m.find()) {
        try {
          Field f = Class.forName(m.group(1), false, cell.getClassLoader()).getDeclaredField(m.group(2));
          f.setAccessible(true);
          Object value = f.get(null);
          if (value != null && !(value instanceof Serializable)) {
            return new IllegalStateException("the notebook variable " + m.group(2) + " holds a "
                + value.getClass().getName() + ", which is not Serializable, so executors see null in its"
                + " place: create it inside the function, or use a Serializable type", e);
          }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
          return e;
        }
      }
    }
    return e;
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E sneaky(Exception e) throws E {
    throw (E) e;
  }
}
