package org.learnparallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.learnparallel.pool.Pool;

/**
 * What a student may touch is what lies outside {@code internal}: no public or protected signature
 * there may name an internal type, or the boundary leaks. Scans every class the build compiled.
 */
class ApiBoundaryTest {

  @Test
  void noPublicSignatureOutsideInternalMentionsAnInternalType() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : compiledClasses()) {
      if (isInternal(c) || !isVisible(c)) {
        continue;
      }
      check(leaks, c + " extends", c.getGenericSuperclass());
      for (Type t : c.getGenericInterfaces()) {
        check(leaks, c + " implements", t);
      }
      for (Field f : c.getDeclaredFields()) {
        if (isVisible(f.getModifiers())) {
          check(leaks, c.getName() + "." + f.getName(), f.getGenericType());
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (isVisible(m.getModifiers()) && !m.isSynthetic()) {
          check(leaks, c.getName() + "." + m.getName() + " returns", m.getGenericReturnType());
          checkExecutable(leaks, c.getName() + "." + m.getName(), m);
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (isVisible(k.getModifiers()) && !k.isSynthetic()) {
          checkExecutable(leaks, c.getName() + ".<init>", k);
        }
      }
    }
    assertEquals(List.of(), leaks, "public signatures outside internal that name internal types");
  }

  @Test
  void theScanSeesTheLibrary() throws Exception {
    Set<String> names = new HashSet<>();
    compiledClasses().forEach(c -> names.add(c.getName()));
    assertTrue(names.contains("org.learnparallel.pool.Pool"), "the scan found " + names.size() + " classes");
    assertTrue(names.contains("org.learnparallel.pool.internal.process.WorkerProcess"));
  }

  /** The scan itself catches a leak: an internal type in a public signature is reported. */
  @Test
  void aLeakIsReported() throws Exception {
    List<String> leaks = new ArrayList<>();
    Method m = Leaky.class.getDeclaredMethod("leak");
    check(leaks, "Leaky.leak", m.getGenericReturnType());
    assertEquals(1, leaks.size(), leaks.toString());
  }

  /** Every package of the library says what it is for, and the internal ones that they are not API. */
  @Test
  void everyPackageHasAPackageInfo() throws IOException {
    Path sources = Path.of("src/main/java");
    try (Stream<Path> dirs = Files.walk(sources)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        boolean hasJava;
        try (Stream<Path> files = Files.list(dir)) {
          hasJava = files.anyMatch(f -> f.toString().endsWith(".java"));
        }
        if (!hasJava) {
          continue;
        }
        Path info = dir.resolve("package-info.java");
        assertTrue(Files.exists(info), "no package-info.java in " + dir);
        if (dir.toString().contains("internal")) {
          assertTrue(Files.readString(info).contains("Not API"), info + " must say it is not API");
        }
      }
    }
  }

  interface Leaky {
    java.util.List<org.learnparallel.pool.internal.Task<String>> leak();
  }

  private static void checkExecutable(List<String> leaks, String where, Executable e) {
    for (Type t : e.getGenericParameterTypes()) {
      check(leaks, where + " takes", t);
    }
    for (Type t : e.getGenericExceptionTypes()) {
      check(leaks, where + " throws", t);
    }
    for (TypeVariable<?> v : e.getTypeParameters()) {
      for (Type b : v.getBounds()) {
        check(leaks, where + " <" + v + ">", b);
      }
    }
  }

  private static void check(List<String> leaks, String where, Type type) {
    if (type == null) {
      return;
    }
    if (type instanceof Class<?> c) {
      Class<?> base = c;
      while (base.isArray()) {
        base = base.getComponentType();
      }
      if (isInternal(base)) {
        leaks.add(where + " " + base.getName());
      }
    } else if (type instanceof ParameterizedType p) {
      check(leaks, where, p.getRawType());
      for (Type a : p.getActualTypeArguments()) {
        check(leaks, where, a);
      }
    } else if (type instanceof GenericArrayType g) {
      check(leaks, where, g.getGenericComponentType());
    } else if (type instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        check(leaks, where, b);
      }
      for (Type b : w.getLowerBounds()) {
        check(leaks, where, b);
      }
    }
  }

  private static boolean isInternal(Class<?> c) {
    return c.getName().startsWith("org.learnparallel.") && c.getPackageName().contains(".internal");
  }

  private static boolean isVisible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!isVisible(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVisible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  /** Every class in the directory or jar that {@link Pool} was loaded from. */
  private static List<Class<?>> compiledClasses() throws Exception {
    Path root = Path.of(Pool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (!name.endsWith("package-info") && !name.endsWith("module-info")) {
          classes.add(Class.forName(name, false, ApiBoundaryTest.class.getClassLoader()));
        }
      }
    }
    return classes;
  }
}
