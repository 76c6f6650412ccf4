package org.learnparallel.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;
import org.dflib.jjava.kernel.magics.ClasspathMagic;
import org.dflib.jjava.kernel.magics.JarsMagic;
import org.dflib.jjava.kernel.magics.LoadMagic;
import org.dflib.jjava.kernel.magics.TimeMagic;
import org.dflib.jjava.maven.MavenDependencyResolver;
import org.dflib.jjava.maven.magics.LoadFromPomCellMagic;
import org.dflib.jjava.maven.magics.LoadFromPomLineMagic;
import org.dflib.jjava.maven.magics.MavenMagic;
import org.dflib.jjava.maven.magics.MavenRepoMagic;

/**
 * Starts the course kernel: JJava 1.0a8's start-up ({@code org.dflib.jjava.distro.JJava}, whose
 * steps and environment variables it repeats) with {@link CourseKernel} and
 * {@link BatchingConnection} in place of JJava's kernel and connection. The kernelspec that
 * kernel-setup writes runs it:
 *
 * <pre>{@code
 * java --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED -cp jjava.jar:course-kernel.jar \
 *     org.learnparallel.kernel.CourseKernelMain /path/to/connection-file.json
 * }</pre>
 *
 * <p>A JJava other than {@value CourseKernel#JJAVA_VERSION} on the classpath is reported on stderr
 * (the server's log), since this class repeats JJava's start-up and relies on its handlers.
 */
@SuppressWarnings("removal") // %jars: deprecated in JJava, still offered as JJava does
public final class CourseKernelMain {
  private CourseKernelMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: CourseKernelMain <connection file>");
    }
    Path connectionFile = Path.of(args[0]);
    System.setProperty("java.util.logging.SimpleFormatter.format", "[%4$.1s %1$tF %1$tT.%1$tL %3$s] %5$s%n");
    KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(connectionFile));
    BatchingConnection connection = new BatchingConnection(props);

    MavenDependencyResolver maven = new MavenDependencyResolver();
    TimeMagic time = new TimeMagic();
    CourseKernel kernel = new CourseKernel.Builder()
        .name("JJava")
        .version(jjavaVersion())
        .extensionsEnabled(flag(System.getenv("JJAVA_LOAD_EXTENSIONS")))
        .compilerOpts(words(System.getenv("JJAVA_COMPILER_OPTS")))
        .timeout(timeoutMillis(System.getenv("JJAVA_TIMEOUT")), TimeUnit.MILLISECONDS)
        .lineMagic("load", new LoadMagic())
        .lineMagic("classpath", new ClasspathMagic())
        .lineMagic("time", time)
        .lineMagic("maven", new MavenMagic(maven))
        .lineMagic("mavenRepo", new MavenRepoMagic(maven))
        .lineMagic("loadFromPOM", new LoadFromPomLineMagic(maven))
        .lineMagic("jars", new JarsMagic())
        .cellMagic("loadFromPOM", new LoadFromPomCellMagic(maven))
        .cellMagic("time", time)
        .build();

    kernel.onStartup();
    kernel.addToClasspath(System.getenv("JJAVA_CLASSPATH"));
    for (String snippet : startupSnippets()) {
      kernel.evalBuilder(snippet).resolveMagics().eval();
    }
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    kernel.prepareJavadocs();
    connection.waitUntilClose();
    // Shut down (or restarting): end now. JJava's cell executor thread is not a daemon and idles for a
    // minute, so the JVM would wait until the server sends SIGTERM (after 2.5 s, on every restart).
    // The shutdown hooks (the library's pools and clusters) run either way.
    System.exit(0);
  }

  private static String jjavaVersion() throws java.io.IOException {
    java.util.Properties pom = new java.util.Properties();
    try (java.io.InputStream in = CourseKernelMain.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.dflib.jjava/jjava-distro/pom.properties")) {
      if (in != null) {
        pom.load(in);
      }
    }
    String version = pom.getProperty("version", "unknown");
    if (!version.equals(CourseKernel.JJAVA_VERSION)) {
      System.err.println("course kernel: built for JJava " + CourseKernel.JJAVA_VERSION + ", running on JJava "
          + version + ": run kernel-setup/setup");
    }
    return version;
  }

  private static boolean flag(String value) {
    if (value == null) {
      return true;
    }
    String v = value.trim();
    return !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false");
  }

  private static List<String> words(String value) {
    return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
  }

  /** JJava's format: a number and an optional unit ({@code 30 SECONDS}); none or negative: no limit. */
  private static long timeoutMillis(String value) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    String[] parts = value.trim().split("\\W+", 2);
    long n = Long.parseLong(parts[0]);
    TimeUnit unit = parts.length > 1 ? TimeUnit.valueOf(parts[1].toUpperCase()) : TimeUnit.MILLISECONDS;
    return n < 0 ? -1 : unit.toMillis(n);
  }

  private static List<String> startupSnippets() throws java.io.IOException {
    List<String> snippets = new ArrayList<>();
    String paths = System.getenv("JJAVA_STARTUP_SCRIPTS_PATH");
    if (paths != null && !paths.isBlank()) {
      for (Path p : PathsHandler.splitAndResolveGlobs(paths)) {
        if (Files.isRegularFile(p) && Files.isReadable(p)) {
          snippets.add(Files.readString(p));
        }
      }
    }
    String code = System.getenv("JJAVA_STARTUP_SCRIPT");
    if (code != null) {
      snippets.add(code);
    }
    return snippets;
  }
}
