package org.learnparallel.pool.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.learnparallel.pool.AsyncResult;
import org.learnparallel.pool.ResultTimeoutException;

/**
 * The {@link AsyncResult} of one call. Callbacks registered before the outcome is set run before
 * {@link #get} returns, as Python's do; those registered later run at once on the registering
 * thread. Either way each runs once. A callback may call {@code get()} on its own result: the
 * thread that runs the callbacks finds the outcome set and does not wait for itself (Python's would).
 */
final class PendingResult<T> implements AsyncResult<T> {
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Runnable cancelWork;
  private List<Runnable> callbacks = new ArrayList<>(); // guarded by this; null once settled
  private T value; // written under the lock before ready opens
  private Supplier<RuntimeException> failure; // makes the exception anew, on the thread that asks
  private volatile Thread settling; // runs the callbacks: its get() must not wait for the latch

  PendingResult(Runnable cancelWork) {
    this.cancelWork = cancelWork;
  }

  void succeed(T result) {
    settle(result, null);
  }

  /** Only the first outcome counts: later successes and failures of the same call are ignored. */
  void fail(Supplier<RuntimeException> why) {
    settle(null, why);
  }

  private void settle(T result, Supplier<RuntimeException> why) {
    List<Runnable> toRun;
    synchronized (this) {
      if (callbacks == null) {
        return;
      }
      value = result;
      failure = why;
      toRun = callbacks;
      callbacks = null;
    }
    settling = Thread.currentThread();
    try {
      toRun.forEach(PendingResult::runReporting);
    } finally {
      settling = null;
      ready.countDown();
    }
  }

  @Override
  public T get() {
    await();
    return outcome();
  }

  @Override
  public T get(Duration timeout) {
    if (!await(timeout)) {
      throw new ResultTimeoutException(timeout);
    }
    return outcome();
  }

  @Override
  public boolean ready() {
    return ready.getCount() == 0;
  }

  @Override
  public boolean successful() {
    if (!ready()) {
      throw new IllegalStateException("the result is not ready yet; call ready() or await() first");
    }
    return failure == null;
  }

  @Override
  public void await() {
    if (ready() || settling == Thread.currentThread()) {
      return; // a result that is there is given even to an interrupted caller
    }
    try {
      ready.await();
    } catch (InterruptedException e) {
      throw interrupted();
    }
  }

  @Override
  public boolean await(Duration timeout) {
    Objects.requireNonNull(timeout, "the timeout is null");
    if (ready() || settling == Thread.currentThread()) {
      return true;
    }
    try {
      return ready.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      throw interrupted();
    } catch (ArithmeticException tooLong) {
      await();
      return true;
    }
  }

  @Override
  public AsyncResult<T> onSuccess(Consumer<? super T> callback) {
    Objects.requireNonNull(callback, "the callback is null");
    return whenSettled(() -> {
      if (failure == null) {
        callback.accept(value);
      }
    });
  }

  @Override
  public AsyncResult<T> onError(Consumer<? super RuntimeException> callback) {
    Objects.requireNonNull(callback, "the callback is null");
    return whenSettled(() -> {
      if (failure != null) {
        callback.accept(failure.get());
      }
    });
  }

  private AsyncResult<T> whenSettled(Runnable callback) {
    synchronized (this) {
      if (callbacks != null) {
        callbacks.add(callback);
        return this;
      }
    }
    runReporting(callback);
    return this;
  }

  /** A failing callback must not stop the others nor the result: it is reported like an uncaught exception. */
  private static void runReporting(Runnable callback) {
    try {
      callback.run();
    } catch (Throwable e) {
      Thread t = Thread.currentThread();
      t.getUncaughtExceptionHandler().uncaughtException(t, e);
    }
  }

  /** What a notebook shows for a cell ending with the result: its state, and the value once there. */
  @Override
  public synchronized String toString() {
    if (callbacks != null) {
      return "AsyncResult[not ready]";
    }
    return failure == null ? "AsyncResult[" + value + "]" : "AsyncResult[failed: " + failure.get().getMessage() + "]";
  }

  private T outcome() {
    if (failure != null) {
      throw failure.get();
    }
    return value;
  }

  /** The caller was interrupted (JupyterLab's "Interrupt kernel"): stop the work, keep the flag. */
  private CancellationException interrupted() {
    cancelWork.run();
    Thread.currentThread().interrupt();
    return new CancellationException("interrupted while waiting for the result; its pending tasks are cancelled");
  }
}
