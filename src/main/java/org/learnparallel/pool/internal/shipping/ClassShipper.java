package org.learnparallel.pool.internal.shipping;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * The sending side of class shipping: serializes what goes to another JVM, remembering the class
 * loaders of every class written, so that it can later find the bytecode a receiver asks for
 * and the classes of what comes back (which may be a notebook's).
 *
 * <pre>{@code
 * ClassShipper shipper = new ClassShipper(Pool.class.getClassLoader());
 * byte[] bytes = shipper.write(task, "argument"); // remembers the task's class loaders
 * byte[] code = shipper.bytecode("REPL.$JShell$12"); // what a worker asks for
 * }</pre>
 */
public final class ClassShipper {
  private final Set<ClassLoader> loaders = new CopyOnWriteArraySet<>();

  public ClassShipper(ClassLoader own) {
    loaders.add(own);
  }

  /**
   * Serializes {@code value}; see {@link Serial#write}.
   *
   * @throws IllegalArgumentException naming the type that is not Serializable
   */
  public byte[] write(Object value, String what) {
    return Serial.write(value, what, this::remember);
  }

  /** Like {@link #write}; each {@link Shared} value met goes to {@code shared} (see {@link Serial#writeSharing}). */
  public byte[] write(Object value, String what, Consumer<Shared> shared) {
    return Serial.writeSharing(value, what, this::remember, shared);
  }

  /** Serializes a shared value in full, once, for the receivers that lack it (see {@link Shared#bytes}). */
  public void writeOnce(Shared value, String what) {
    value.serializeOnce(what, this::remember);
  }

  /** Deserializes what came back, finding its classes where the values sent found theirs. */
  public Object read(byte[] bytes) throws IOException, ClassNotFoundException {
    return Serial.read(bytes, this::resolve);
  }

  private void remember(ClassLoader loader) {
    if (loader != null && loader != ClassLoader.getPlatformClassLoader()) {
      loaders.add(loader);
    }
  }

  /** The bytecode of a class, from the class loaders of what was written; null if none has it. */
  private byte[] bytecode(String name) {
    for (ClassLoader l : loaders) {
      byte[] bytes = Bytecode.find(name, l);
      if (bytes != null) {
        return bytes;
      }
    }
    return null;
  }

  private Class<?> resolve(String name) throws ClassNotFoundException {
    for (ClassLoader l : loaders) {
      try {
        return Class.forName(name, false, l);
      } catch (ClassNotFoundException e) {
        // try the next loader
      }
    }
    throw new ClassNotFoundException(name);
  }

  /** A new record of the cells one receiver has, and of the variables it was last sent. */
  public Receiver receiver() {
    return new Receiver();
  }

  /** What one receiver (a worker JVM) has been sent. */
  public final class Receiver {
    private final Map<String, CellStatics> cells = new ConcurrentHashMap<>();

    private Receiver() {}

    /**
     * The class {@code name} the receiver asked for: its bytecode (null if none here) and, for a
     * notebook cell, its variables (null if it has none).
     */
    public byte[][] ship(String name) {
      byte[] bytes = bytecode(name);
      byte[] variables = null;
      if (bytes != null && CellStatics.isCell(name)) {
        try {
          CellStatics cell = CellStatics.of(resolve(name));
          cells.put(name, cell);
          Map<String, byte[]> values = cell.changes(ClassShipper.this::remember);
          variables = values == null ? null : write(values, "variables");
        } catch (ClassNotFoundException e) {
          // bytecode without a class: nothing to read variables from
        }
      }
      return new byte[][] {bytes, variables};
    }

    /** For each cell shipped whose variables changed since they were last sent: its name, the changes. */
    public Map<String, byte[]> changedVariables() {
      Map<String, byte[]> changed = null;
      for (Map.Entry<String, CellStatics> cell : cells.entrySet()) {
        Map<String, byte[]> values = cell.getValue().changes(ClassShipper.this::remember);
        if (values != null) {
          if (changed == null) {
            changed = new LinkedHashMap<>();
          }
          changed.put(cell.getKey(), write(values, "variables"));
        }
      }
      return changed == null ? Map.of() : changed;
    }
  }
}
