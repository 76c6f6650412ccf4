package org.learnparallel.live;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
  static final int REHEARSALS = 40;
  private static final AtomicBoolean REHEARSED = new AtomicBoolean();

  private final String call;
  private final int total;
  private final int workers;
  private final boolean inThisJvm;
  private final Screen screen;
  private final LongSupplier clock;
  private final long start;
  private final Map<Integer, Chunk> chunks = new ConcurrentHashMap<>(); // by first item
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Thread drawer;
  private volatile Frame last;

  /**
   * Mutable, published through the map; end is written once. Its items done are counted by the
   * one thread that runs it (a worker process's, at its end: all of them), with a store that
   * needs no lock or fence: the drawing thread reads a count at most a frame old.
   */
  private static final class Chunk implements CallObserver.Progress {
    private static final VarHandle DONE;

    static {
      try {
        DONE = MethodHandles.lookup().findVarHandle(Chunk.class, "done", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final int first;
    final int size;
    final String worker;
    final double start;
    volatile double end = Double.NaN;
    private int done; // through DONE only
    private String label; // made by the thread that draws, once

    Chunk(int first, int size, String worker, double start) {
      this.first = first;
      this.size = size;
      this.worker = worker;
      this.start = start;
    }

    @Override
    public void itemDone() {
      itemsDone(1);
    }

    void itemsDone(int items) {
      DONE.setOpaque(this, (int) DONE.getOpaque(this) + items);
    }

    int done() {
      return (int) DONE.getOpaque(this);
    }

    String label() {
      if (label == null) {
        label = size == 1 ? "item " + first : "items " + first + "-" + (first + size - 1);
      }
      return label;
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

  /**
   * Draws {@value #REHEARSALS} frames of a made-up call of 96 items on 2 workers, unseen, once per
   * JVM: the first frames of a JVM load classes and run uncompiled code, milliseconds each, which
   * {@link Live#watch} pays this way instead of the first watched call.
   */
  static void rehearse() {
    if (!REHEARSED.compareAndSet(false, true)) {
      return;
    }
    LiveCall call = new LiveCall("2 workers", 96, 2, true, null, System::nanoTime);
    CpuShares cpu = CpuShares.between(new long[][] {{0, 0}, {0, 0}}, new long[][] {{90, 10}, {60, 40}}, 1.2, 1.0);
    long length = 0;
    for (int i = 0; i < REHEARSALS; i++) {
      if (i % 5 == 0) { // a chunk starts, the one before ends
        call.chunkStarted(12 * (i / 5), 12).itemDone();
        if (i > 0) {
          call.chunkDone(12 * (i / 5 - 1), 12);
        }
      }
      Frame f = call.frame(i == 0 ? null : cpu, i == REHEARSALS - 1);
      length += f.html().length() + f.text().length();
    }
    if (length == 0) { // never: it keeps the frames from being dead code
      throw new AssertionError("the rehearsed frames were empty");
    }
  }

  @Override
  public CallObserver.Progress chunkStarted(int first, int size) {
    Chunk c = new Chunk(first, size, Thread.currentThread().getName(), seconds());
    chunks.put(first, c);
    return c;
  }

  @Override
  public void chunkDone(int first, int size) {
    double now = seconds();
    // a worker process reports a chunk only when it ends: it is drawn as a tick at its end
    Chunk c = chunks.computeIfAbsent(first, k -> new Chunk(first, size, inThisJvm ? "cancelled" : "worker processes", now));
    if (!inThisJvm) {
      c.itemsDone(size);
    }
    c.end = now;
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
    List<Frame.Run> runs = new ArrayList<>(chunks.size());
    int done = 0;
    for (Chunk c : chunks.values()) {
      done += c.done();
      runs.add(new Frame.Run(c.label(), c.worker, c.start, c.end));
    }
    runs.sort(Comparator.comparingDouble(Frame.Run::start));
    return new Frame(call, Math.min(done, total), total, workers, seconds(), cpu, runs, over);
  }

  private double seconds() {
    return (clock.getAsLong() - start) / 1e9;
  }
}
