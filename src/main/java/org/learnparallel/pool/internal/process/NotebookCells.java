package org.learnparallel.pool.internal.process;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.learnparallel.pool.internal.shipping.Bytecode;
import org.learnparallel.pool.internal.shipping.CellStatics;
import org.learnparallel.pool.internal.shipping.Serial;

/**
 * What another JVM needs to run functions defined in notebook cells, for engines other than this
 * package's worker processes (Spark's executors): the cells' bytecode and their top-level variables.
 * Internal: its callers are this library's own packages; a facade over {@code internal.shipping}.
 */
public final class NotebookCells {
  private NotebookCells() {}

  /** The class of the innermost notebook cell on the calling thread's stack, if a cell called. */
  public static Optional<Class<?>> callingCell() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.<Class<?>>map(StackWalker.StackFrame::getDeclaringClass)
            .filter(c -> CellStatics.isCell(c.getName()))
            .findFirst());
  }

  /** Every class that the notebook's cells have defined so far, by binary name (empty outside JJava). */
  public static Map<String, byte[]> classes(ClassLoader cellLoader) {
    return Bytecode.declared(cellLoader);
  }

  /** Reads the top-level variables of notebook cells, and remembers what it last read. */
  public static final class Variables {
    private final Map<String, CellStatics> cells = new HashMap<>();

    /**
     * The variables of {@code cell} that changed since the last call for it (all of them the first
     * time), each serialized on its own; a value that is not Serializable is sent as a marker that
     * {@link #set} turns into null. Empty if none changed.
     */
    public synchronized Map<String, byte[]> changes(Class<?> cell) {
      Map<String, byte[]> changed = cells.computeIfAbsent(cell.getName(), n -> CellStatics.of(cell))
          .changes(loader -> {});
      return changed == null ? Map.of() : changed;
    }
  }

  /**
   * Sets the variables of {@code cell} (loaded in this JVM) to the values {@link Variables#changes}
   * serialized, reading them with the cell's own class loader.
   *
   * @return the variables that were not sent, each with the name of its type: they are now null
   */
  public static Map<String, String> set(Class<?> cell, Map<String, byte[]> values)
      throws IOException, ReflectiveOperationException {
    Map<String, String> notSent = new HashMap<>();
    ClassLoader loader = cell.getClassLoader();
    for (Map.Entry<String, byte[]> v : values.entrySet()) {
      Object value = Serial.read(v.getValue(), name -> Class.forName(name, false, loader));
      Field f = cell.getDeclaredField(v.getKey());
      f.setAccessible(true);
      if (value instanceof CellStatics.NotSent n) {
        notSent.put(v.getKey(), n.type());
        value = null;
      }
      f.set(null, value);
    }
    return notSent;
  }
}
