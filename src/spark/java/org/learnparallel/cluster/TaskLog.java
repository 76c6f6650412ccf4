package org.learnparallel.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.TaskInfo;
import org.learnparallel.timing.Timeline;

/**
 * Every task a SparkContext ran (a {@link SparkListener}): which partition, which attempt, on which
 * executor, when, and how it ended; and the same as a {@link Timeline}, a row per executor, as the
 * pool's timelines have a row per worker.
 *
 * <pre>{@code
 * var tasks = TaskLog.attach(sc);
 * sc.parallelize(List.of(1, 2, 3, 4), 4).map(x -> x * x).collect();
 * tasks.tasks()      // four Task records, one per partition
 * tasks.timeline()   // the chart
 * }</pre>
 */
public final class TaskLog extends SparkListener {

  /**
   * One run of one task.
   *
   * @param stage the stage's id (a job has one stage per shuffle, plus one)
   * @param partition the partition it computed
   * @param attempt 0 for the first run, 1 for the first rerun...
   * @param executor the executor's id ("driver" in local mode)
   * @param startMillis when it started, in epoch milliseconds
   * @param endMillis when it ended
   * @param ended "Success", or why it failed (an exception, or "ExecutorLostFailure ...")
   */
  public record Task(int stage, int partition, int attempt, String executor, long startMillis, long endMillis,
                     String ended) {
    public boolean succeeded() {
      return "Success".equals(ended);
    }
  }

  private final JavaSparkContext sc;
  private final List<Task> tasks = new ArrayList<>(); // guarded by this
  private int running; // guarded by this

  private TaskLog(JavaSparkContext sc) {
    this.sc = sc;
  }

  /** A log of the tasks {@code sc} runs from now on. */
  public static TaskLog attach(JavaSparkContext sc) {
    TaskLog log = new TaskLog(sc);
    sc.sc().addSparkListener(log);
    return log;
  }

  @Override
  public synchronized void onTaskStart(SparkListenerTaskStart start) {
    running++;
    notifyAll();
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    TaskInfo info = end.taskInfo();
    TaskEndReason reason = end.reason();
    tasks.add(new Task(end.stageId(), info.partitionId(), info.attemptNumber(), info.executorId(),
        info.launchTime(), info.finishTime() > 0 ? info.finishTime() : System.currentTimeMillis(),
        reason instanceof TaskFailedReason failed ? failed.toErrorString() : "Success"));
    running--;
    notifyAll();
  }

  /**
   * Waits until {@code count} tasks are running at once, for at most {@code timeout}.
   *
   * @return whether they were
   */
  public synchronized boolean awaitRunning(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** The tasks that have ended, by start time. Spark tells listeners after a job returns: this waits for that news. */
  public List<Task> tasks() {
    drain();
    synchronized (this) {
      return tasks.stream().sorted(Comparator.comparingLong(Task::startMillis)).toList();
    }
  }

  /** Forgets the tasks seen so far, to log the next job alone. */
  public void clear() {
    drain();
    synchronized (this) {
      tasks.clear();
    }
  }

  /** Listeners hear of tasks on a thread of their own: an action returns before they all have. */
  private void drain() {
    try {
      sc.sc().listenerBus().waitUntilEmpty(10_000);
    } catch (TimeoutException e) {
      // what has arrived is what there is to show
    }
  }

  /** The tasks as a timeline: a row per executor, a bar per task labelled with its partition (and attempt). */
  public Timeline timeline() {
    Timeline timeline = new Timeline();
    for (Task t : tasks()) {
      String label = "partition " + t.partition() + (t.attempt() > 0 ? " (attempt " + (t.attempt() + 1) + ")" : "")
          + (t.succeeded() ? "" : " failed");
      timeline.add(new Timeline.Span(label, "executor " + t.executor(), t.startMillis() / 1e3, t.endMillis() / 1e3));
    }
    return timeline;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Task t : tasks()) {
      b.append(String.format("stage %d partition %d attempt %d on executor %s: %s%n",
          t.stage(), t.partition(), t.attempt(), t.executor(), t.ended()));
    }
    return b.toString();
  }
}
