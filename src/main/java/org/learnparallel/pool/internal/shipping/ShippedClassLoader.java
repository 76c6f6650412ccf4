package org.learnparallel.pool.internal.shipping;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The receiving side of class shipping: defines the classes this JVM lacks (a notebook's cells)
 * from bytecode that the sender ships on request, sets the cells' variables, and serves that
 * bytecode as resources, so that a pool made here ships it on to its own workers.
 *
 * <pre>{@code
 * ShippedClassLoader loader = new ShippedClassLoader(name -> askTheParent(name));
 * Object task = loader.read(bytes); // asks for REPL.$JShell$12 if the task needs it
 * }</pre>
 */
public final class ShippedClassLoader extends ClassLoader {
  /** Asks the sender for a class; see {@link ClassShipper.Receiver#ship}. */
  public interface Sender {
    /** The bytecode of class {@code name} (null: the sender lacks it too) and its variables (or null). */
    byte[][] ship(String name) throws InterruptedException;
  }

  private final Sender sender;
  private final Set<String> missing = ConcurrentHashMap.newKeySet();
  private final Map<String, byte[]> defined = new ConcurrentHashMap<>(); // by resource name
  /** Notebook variables that could not be sent ("REPL.$JShell$33.reader"), and their types. */
  private final Map<String, String> notSent = new ConcurrentHashMap<>();

  public ShippedClassLoader(Sender sender) {
    super("shipped-from-parent", ClassLoader.getSystemClassLoader());
    this.sender = sender;
  }

  /** Deserializes with the classes of this loader. */
  public Object read(byte[] bytes) throws IOException, ClassNotFoundException {
    return Serial.read(bytes, name -> Class.forName(name, false, this));
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    byte[] bytes = defined.get(name);
    return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    if (missing.contains(name)) {
      throw new ClassNotFoundException(name);
    }
    byte[][] bytesAndVariables;
    try {
      bytesAndVariables = sender.ship(name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClassNotFoundException(name + " (interrupted while asking the parent for it)");
    }
    byte[] bytes = bytesAndVariables[0];
    if (bytes == null) {
      missing.add(name);
      throw new ClassNotFoundException(name + " (the parent process does not have it either)");
    }
    Class<?> c = defineClass(name, bytes, 0, bytes.length);
    defined.put(name.replace('.', '/') + ".class", bytes);
    if (bytesAndVariables[1] != null) {
      setVariables(name, bytesAndVariables[1]);
    }
    return c;
  }

  /** Sets a notebook cell's top-level variables, which the cell's code set in the sender. */
  public void setVariables(String className, byte[] variables) {
    try {
      Class<?> cell = Class.forName(className, false, this);
      @SuppressWarnings("unchecked")
      Map<String, byte[]> values = (Map<String, byte[]>) read(variables);
      for (Map.Entry<String, byte[]> v : values.entrySet()) {
        Field f = cell.getDeclaredField(v.getKey());
        f.setAccessible(true);
        Object value = read(v.getValue());
        String qualified = className + "." + v.getKey();
        if (value instanceof CellStatics.NotSent n) {
          notSent.put(qualified, n.type());
          value = null;
        } else {
          notSent.remove(qualified);
        }
        f.set(null, value);
      }
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      System.err.println("worker: could not set the variables of " + className + ": " + e);
    }
  }

  /** A failure on a notebook variable that could not be sent gets a message that says so. */
  public Throwable explain(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof NullPointerException && c.getMessage() != null) {
        for (Map.Entry<String, String> v : notSent.entrySet()) {
          if (c.getMessage().contains("\"" + v.getKey() + "\"")) {
            String name = v.getKey().substring(v.getKey().lastIndexOf('.') + 1);
            return new IllegalStateException("the notebook variable " + name + " holds a " + v.getValue()
                + ", which is not Serializable, so worker processes see null in its place:"
                + " create it inside the function, or use a Serializable type", t);
          }
        }
      }
    }
    return t;
  }
}
