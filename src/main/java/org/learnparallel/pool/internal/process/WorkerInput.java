package org.learnparallel.pool.internal.process;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.learnparallel.pool.internal.process.Protocol.Frame;
import org.learnparallel.pool.internal.shipping.ClassShipper;
import org.learnparallel.pool.internal.shipping.Shared;

/**
 * What the parent writes on one worker's stdin: its initializer, tasks in batches (each after the
 * shared values and cell variables it needs that the worker lacks), cancels, the classes it asks
 * for, and the end. Every method may be called from any thread; an {@link IOException} means the
 * worker is dead or dying, which its reader reports.
 *
 * <pre>{@code
 * WorkerInput in = new WorkerInput(process.getOutputStream(), shipper.receiver());
 * in.send(List.of(task)); // SHARED (the call's function, once), then TASK
 * }</pre>
 */
final class WorkerInput {
  private final Protocol.Writer out;
  private final ClassShipper.Receiver shipped;
  /** The ids of the shared values the worker keeps, as it keeps them (see {@link Shared}); guarded by out. */
  private final Set<Long> sharedSent = Collections.newSetFromMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
      return size() > Shared.KEPT;
    }
  });

  WorkerInput(OutputStream stdin, ClassShipper.Receiver shipped) {
    this.out = new Protocol.Writer(stdin);
    this.shipped = shipped;
  }

  /** The initializer, serialized; empty for none. */
  void init(byte[] initializer) throws IOException {
    out.write(Frame.of(Protocol.Type.INIT, Protocol.INIT_ID, initializer));
  }

  /** Writes tasks in one batch, after the variables of notebook cells that changed. */
  void send(List<TaskFuture<?>> tasks) throws IOException {
    synchronized (out) { // the shared values in the order written: the worker keeps them so
      List<Frame> frames = new ArrayList<>(tasks.size() + 2);
      shipped.changedVariables().forEach((cell, values) -> frames.add(Frame.named(Protocol.Type.STATICS, cell, values, null)));
      for (TaskFuture<?> t : tasks) {
        for (Shared s : t.shared) {
          if (sharedSent.add(s.id())) {
            frames.add(Frame.of(Protocol.Type.SHARED, s.id(), s.bytes()));
          }
        }
        frames.add(Frame.of(t.type, t.id, t.task));
      }
      out.write(frames);
    }
  }

  /** The bytecode (and cell variables) of the class the worker asked for. */
  void shipClass(String name) throws IOException {
    byte[][] shipment = shipped.ship(name);
    out.write(Frame.named(Protocol.Type.CLASS_BYTES, name, shipment[0], shipment[1]));
  }

  void cancel(long id) throws IOException {
    out.write(Frame.of(Protocol.Type.CANCEL, id, null));
  }

  /** Closes stdin: the worker exits once it has read what was sent. */
  void end() throws IOException {
    out.close();
  }
}
