package org.learnparallel.pool.internal.shipping;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The top-level variables of one notebook cell, as a worker last got them. JShell compiles
 * {@code int base = 10;} into a static field of the cell's wrapper class that the cell's code
 * sets; a worker defines the class from its bytecode but never runs the cell, so without this it
 * would see {@code base == 0}. Values are sent when the class is, and again when they change.
 * A value that is not Serializable cannot be sent: see {@link NotSent}.
 */
public final class CellStatics {
  private static final Object NOT_SENT = new Object();

  private final Field[] fields;
  private final Object[] sent; // guarded by this

  private CellStatics(Field[] fields) {
    this.fields = fields;
    this.sent = new Object[fields.length];
    Arrays.fill(sent, NOT_SENT);
  }

  /** JShell and JJava put every cell's wrapper class in package {@code REPL}. */
  public static boolean isCell(String className) {
    return className.startsWith("REPL.");
  }

  public static CellStatics of(Class<?> cell) {
    List<Field> fields = new ArrayList<>();
    for (Field f : cell.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isStatic(m) && !Modifier.isFinal(m) && !f.isSynthetic() && f.trySetAccessible()) {
        fields.add(f);
      }
    }
    return new CellStatics(fields.toArray(Field[]::new));
  }

  /**
   * The values changed since the last call (all of them the first time), each serialized on its
   * own; null if none changed.
   * A reassigned variable counts as changed; an object changed in place does not.
   */
  public synchronized Map<String, byte[]> changes(Consumer<ClassLoader> seen) {
    Map<String, byte[]> changed = null;
    for (int i = 0; i < fields.length; i++) {
      Object value;
      try {
        value = fields[i].get(null);
      } catch (IllegalAccessException e) {
        continue; // trySetAccessible said yes: not reached
      }
      if (fields[i].getType().isPrimitive() ? value.equals(sent[i]) : value == sent[i]) {
        continue;
      }
      sent[i] = value;
      byte[] bytes;
      try {
        bytes = Serial.write(value, "variable", seen);
      } catch (IllegalArgumentException notSerializable) {
        bytes = Serial.write(new NotSent(value.getClass().getName()), "variable", seen);
      }
      if (changed == null) {
        changed = new HashMap<>();
      }
      changed.put(fields[i].getName(), bytes);
    }
    return changed;
  }

  /**
   * Sent in place of a value that is not Serializable (a pool, a file, a thread): the worker sets
   * the variable to null and, if a task then fails on that null, says why.
   */
  public record NotSent(String type) implements Serializable {}
}
