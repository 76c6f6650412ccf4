package org.learnparallel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class LocalClusterTest {

  @Test
  void twoWorkersRunTasksInTheirOwnJvmsAndCloseLeavesNoJvm() {
    List<Long> pids = new ArrayList<>();
    LocalCluster previous = LocalCluster.start(1); // as when a notebook cell runs again
    pids.addAll(previous.daemonPids());
    try (LocalCluster cluster = LocalCluster.start(2);
         JavaSparkContext sc = Spark.on(cluster)) {
      assertTrue(previous.toString().endsWith(", closed]"), "starting a cluster closes the one before");
      assertTrue(cluster.masterUrl().startsWith("spark://127.0.0.1:"), cluster.masterUrl());
      assertEquals(List.of(1, 4, 9, 16, 25), sc.parallelize(List.of(1, 2, 3, 4, 5), 2).map(x -> x * x).collect());
      Set<Long> taskPids = new TreeSet<>(sc.parallelize(List.of(1, 2, 3, 4), 4)
          .map(x -> { Thread.sleep(300); return ProcessHandle.current().pid(); }).collect());
      assertEquals(2, taskPids.size(), "tasks ran in " + taskPids);
      assertFalse(taskPids.contains(ProcessHandle.current().pid()));
      assertEquals(new ArrayList<>(taskPids), cluster.executorPids());
      pids.addAll(cluster.daemonPids());
      pids.addAll(taskPids);
    }
    List<Long> alive = pids.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)).toList();
    assertEquals(List.of(), alive, "JVMs left after close()");
  }

  @Test
  void localModeRunsInThisJvmAndTheTaskLogSeesEveryTask() {
    try (JavaSparkContext sc = Spark.local(2)) {
      TaskLog log = TaskLog.attach(sc);
      assertEquals(List.of(ProcessHandle.current().pid()),
          sc.parallelize(List.of(1, 2, 3, 4), 4).map(x -> ProcessHandle.current().pid()).distinct().collect());
      List<TaskLog.Task> tasks = log.tasks();
      // distinct() shuffles: 4 map-side tasks, then as many reduce-side ones as partitions
      assertEquals(8, tasks.size(), tasks.toString());
      assertEquals(2, tasks.stream().map(TaskLog.Task::stage).distinct().count());
      assertTrue(tasks.stream().allMatch(t -> t.succeeded() && t.executor().equals("driver") && t.endMillis() >= t.startMillis()));
      assertEquals(8, log.timeline().spans().size());
      log.clear();
      assertEquals(List.of(), log.tasks());
    }
  }

  @Test
  void aClusterOfTheLeastMemoryRuns() {
    try (LocalCluster cluster = LocalCluster.builder().memoryPerWorkerMb(LocalCluster.MIN_EXECUTOR_MEMORY_MB).start();
         JavaSparkContext sc = Spark.on(cluster)) {
      assertEquals(List.of(1, 4, 9), sc.parallelize(List.of(1, 2, 3), 1).map(x -> x * x).collect());
    }
  }

  @Test
  void aMasterPortInUseIsAClearErrorAndLeavesNoJvm() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> LocalCluster.builder().workers(1).masterPort(taken.getLocalPort()).start());
      // the Master's own words, not the start timeout: it exited as soon as it could not bind
      assertTrue(e.getMessage().matches("(?s)the Spark master exited with code \\d+ while starting: a port it must"
          + " listen on is in use \\(another program, or a cluster still running\\); the end of its log .*"), e.getMessage());
      assertTrue(e.getMessage().contains("Address already in use: Service 'sparkMaster' failed after 0 retries (starting from "
          + taken.getLocalPort() + ")"), e.getMessage());
    }
    assertEquals(List.of(), childJvms(), "JVMs left after a failed start");
  }

  @Test
  void tooLittleMemoryIsAClearErrorBeforeAnyJvmStarts() {
    // 64 Workers of 1 TB: more than any machine running these tests has
    NotEnoughMemoryException e = assertThrows(NotEnoughMemoryException.class,
        () -> LocalCluster.builder().workers(64).memoryPerWorkerMb(1 << 20).start());
    assertTrue(e.getMessage().matches("not enough memory for this cluster: 64 executors of 1048576 MB need 67108864 MB,"
        + " and this machine has \\d+ MB in all; use fewer Workers or less memory per Worker \\(at least 480 MB\\)"), e.getMessage());
    assertEquals(List.of(), childJvms(), "JVMs left after a failed start");
    IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
        () -> LocalCluster.builder().memoryPerWorkerMb(256).start());
    assertEquals("a Worker needs at least 480 MB (executors with less fail to start), got 256 MB", small.getMessage());
  }

  private static List<Long> childJvms() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> LocalCluster.start(0));
    assertThrows(IllegalArgumentException.class, () -> Spark.local(0));
    assertThrows(IllegalArgumentException.class, () -> Spark.connect("localhost:7077"));
  }
}
