package org.learnparallel.pool.internal.shipping;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the bytecode of a class in the parent, for a worker that lacks it: classes defined in
 * notebook cells live in memory only.
 *
 * <p>Where it looks, in order: JJava's class loader keeps cell classes in a private map
 * ({@code JJavaLoaderDelegate.declaredClasses}, reached from its inner {@code JJavaClassLoader}
 * through {@code this$0}) and its {@code getResourceAsStream} returns null for them; plain JShell
 * and IJava serve them as resources; classes from jars are resources too.
 */
public final class Bytecode {
  private static final String JJAVA_LOADER = "org.dflib.jjava.kernel.execution.JJavaLoaderDelegate$JJavaClassLoader";

  private Bytecode() {}

  /** The bytecode of class {@code name} as {@code loader} (or one of its parents) defines it, or null. */
  public static byte[] find(String name, ClassLoader loader) {
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l.getClass().getName().equals(JJAVA_LOADER)) {
        byte[] bytes = fromJJava(l, name);
        if (bytes != null) {
          return bytes;
        }
      }
    }
    try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  /** Every class JJava's loader (or a parent of {@code loader}) holds from cells; empty if none. */
  public static Map<String, byte[]> declared(ClassLoader loader) {
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l.getClass().getName().equals(JJAVA_LOADER)) {
        try {
          Map<?, ?> declared = (Map<?, ?>) field(field(l, "this$0"), "declaredClasses");
          Map<String, byte[]> copy = new HashMap<>();
          synchronized (declared) {
            declared.forEach((name, bytes) -> copy.put((String) name, (byte[]) bytes));
          }
          return copy;
        } catch (ReflectiveOperationException | RuntimeException e) {
          return Map.of(); // another JJava version
        }
      }
    }
    return Map.of();
  }

  private static byte[] fromJJava(ClassLoader loader, String name) {
    try {
      Object delegate = field(loader, "this$0");
      Map<?, ?> declared = (Map<?, ?>) field(delegate, "declaredClasses");
      return (byte[]) declared.get(name);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // another JJava version: fall back to resources
    }
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }
}
