package org.learnparallel.cluster.internal;

import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;
import org.learnparallel.pool.internal.process.NotebookCells;

/**
 * Sets notebook cells' top-level variables on executors. JShell compiles {@code int base = 10;}
 * into a static field that the cell's code sets; an executor loads the cell's class but never runs
 * the cell, so it would see {@code base == 0}. Before a task runs (and before Spark deserializes its
 * function), the executor asks the driver for the variables of the job's version if it has older ones.
 */
public final class CellVariablesPlugin implements SparkPlugin {
  private static final String ASK = "variables";

  @Override
  public DriverPlugin driverPlugin() {
    return new DriverPlugin() {
      private volatile SparkContext sc;

      @Override
      public Map<String, String> init(SparkContext sc, PluginContext context) {
        this.sc = sc;
        return Map.of();
      }

      @Override
      public Object receive(Object message) {
        return ASK.equals(message) && sc instanceof NotebookSparkContext n ? n.snapshot() : null;
      }
    };
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorPlugin() {
      private PluginContext context;
      private long applied; // guarded by this

      @Override
      public void init(PluginContext context, Map<String, String> extraConf) {
        this.context = context;
      }

      @Override
      public void onTaskStart() {
        TaskContext task = TaskContext.get();
        String wanted = task == null ? null : task.getLocalProperty(NotebookSparkContext.VARIABLES_VERSION);
        if (wanted == null) {
          return;
        }
        synchronized (this) {
          if (Long.parseLong(wanted) <= applied) {
            return;
          }
          try {
            if (context.ask(ASK) instanceof NotebookSparkContext.Snapshot s) {
              apply(s);
              applied = s.version();
            }
          } catch (Exception e) {
            throw new IllegalStateException("cannot get the notebook's variables from the driver: " + e, e);
          }
        }
      }

      private void apply(NotebookSparkContext.Snapshot s) throws Exception {
        // the task's class loader: the one that fetches the notebook's classes from the driver
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (Map.Entry<String, Map<String, byte[]>> cell : s.values().entrySet()) {
          NotebookCells.set(Class.forName(cell.getKey(), false, loader), cell.getValue());
        }
      }
    };
  }
}
