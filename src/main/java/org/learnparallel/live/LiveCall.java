package org.learnparallel.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.learnparallel.pool.internal.CallObserver;

/**
 * One watched pool call: counts items and chunks as the pool reports them, and a thread of its own
 * draws them. The thread waits {@link #QUIET} first and ends without drawing if the call is over
 * by then; otherwise it shows the view and redraws it every {@link #PERIOD}, with a fresh CPU
 * reading, until the call ends. Then it draws the final state (CPU averaged over the whole call)
 * and ends; {@link #callEnded} waits for that, so no thread outlives the call and the final state
 * is in the notebook before the call returns.
 */
final class LiveCall implements CallObserver {
  static final long QUIET = TimeUnit.MILLISECONDS.toNanos(300);
  static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(250);

  private final String call;
  private final int total;
  private final int workers;
  private final boolean inThisJvm;
  private final Screen screen;
  private final LongSupplier clock;
  private final long start;
  private final AtomicInteger done = new AtomicInteger();
  private final Map<Integer, Chunk> chunks = new ConcurrentHashMap<>(); // by first item
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Thread drawer;
  private volatile Frame last;

  /** Mutable, published through the map; end is written once. */
  private static final class Chunk {
    final int size;
    final String worker;
    final double start;
    volatile double end = Double.NaN;

    Chunk(int size, String worker, double start) {
      this.size = size;
      this.worker = worker;
      this.start = start;
    }
  }

  LiveCall(String call, int total, int workers, boolean inThisJvm, Screen screen, LongSupplier clock) {
    this.call = call;
    this.total = total;
    this.workers = workers;
    this.inThisJvm = inThisJvm;
    this.screen = screen;
    this.clock = clock;
    this.start = clock.getAsLong();
    this.drawer = screen == null ? null : new Thread(this::draw, "live-view");
    if (drawer != null) {
      drawer.setDaemon(true);
      drawer.start();
    }
  }

  @Override
  public void chunkStarted(int first, int size) {
    chunks.put(first, new Chunk(size, Thread.currentThread().getName(), seconds()));
  }

  @Override
  public void itemDone() {
    done.incrementAndGet();
  }

  @Override
  public void chunkDone(int first, int size) {
    double now = seconds();
    // a worker process reports a chunk only when it ends: it is drawn as a tick at its end
    Chunk c = chunks.computeIfAbsent(first, k -> new Chunk(size, inThisJvm ? "cancelled" : "worker processes", now));
    c.end = now;
    if (!inThisJvm) {
      done.addAndGet(size);
    }
  }

  @Override
  public void callEnded() {
    ended.countDown();
    if (drawer == null || drawer == Thread.currentThread()) {
      last = frame(null, true);
      return;
    }
    boolean interrupted = false;
    while (true) { // an interrupted caller ends its call here too: wait for the final frame anyway
      try {
        drawer.join(TimeUnit.SECONDS.toMillis(5)); // bounded: a kernel that no longer answers must not hang the pool
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last frame drawn, or the final one; null if the call is still running and not drawn yet. */
  Frame last() {
    return last;
  }

  private void draw() {
    try (CpuMeter meter = new CpuMeter()) {
      CpuMeter.Reading first = meter.read(); // from the start: the final frame covers the whole call
      if (ended.await(QUIET, TimeUnit.NANOSECONDS)) {
        last = frame(null, true); // a short call: no view at all
        return;
      }
      CpuMeter.Reading previous = first;
      CpuShares shares = null;
      String id = screen.show(last = frame(null, false));
      while (!ended.await(PERIOD, TimeUnit.NANOSECONDS)) {
        CpuMeter.Reading now = meter.read();
        if (CpuMeter.advanced(previous, now)) { // else the processors' clocks were not read anew: keep the last bars
          shares = CpuMeter.between(previous, now);
          previous = now;
        }
        screen.update(id, last = frame(shares, false));
      }
      screen.update(id, last = frame(CpuMeter.between(first, meter.readListed()), true));
    } catch (InterruptedException e) {
      // nobody interrupts this thread but a JVM shutting down: stop drawing
    } catch (RuntimeException e) { // a view must never break the call it watches
      System.err.println("live view stopped: " + e);
    }
  }

  Frame frame(CpuShares cpu, boolean over) {
    List<Frame.Run> runs = new ArrayList<>();
    chunks.forEach((first, c) -> runs.add(new Frame.Run(
        c.size == 1 ? "item " + first : "items " + first + "-" + (first + c.size - 1), c.worker, c.start, c.end)));
    runs.sort(Comparator.comparingDouble(Frame.Run::start));
    return new Frame(call, Math.min(done.get(), total), total, workers, seconds(), cpu, runs, over);
  }

  private double seconds() {
    return (clock.getAsLong() - start) / 1e9;
  }
}
