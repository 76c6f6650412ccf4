package org.learnparallel.pool.internal.process;

import java.util.stream.Collectors;

/** A parent JVM for the orphan test: makes a pool, prints its workers' pids, waits to be killed. */
public final class PoolParentMain {
  public static void main(String[] args) throws InterruptedException {
    ProcessBackend backend = new ProcessBackend(2, () -> {}, 0);
    System.out.println(backend.pids().stream().map(String::valueOf).collect(Collectors.joining(",")));
    System.out.flush();
    Thread.sleep(120_000);
  }
}
