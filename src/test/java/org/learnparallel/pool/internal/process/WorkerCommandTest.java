package org.learnparallel.pool.internal.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's command line with the class-data-sharing archive: recorded by a first worker, used
 * by the next, and silent (nothing on stderr, which a notebook shows) when it is missing, stale or
 * broken, or when the classpath holds a directory. Each worker here is started for real and ends at
 * once (its stdin is closed), after it has written the protocol's start mark.
 */
class WorkerCommandTest {
  /** Debian's JDK 17 and the Temurin 25 that kernel-setup picks on this project's machines. */
  private static final Path JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
  private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  @TempDir
  static Path jars;

  private static Path libraryJar;

  /** The library's classes as a jar: an archive needs jars (this build's classes are a directory). */
  @BeforeAll
  static void packLibrary() throws IOException {
    Path classes = Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    libraryJar = jars.resolve("lib").resolve("learn-parallel.jar");
    Files.createDirectories(libraryJar.getParent());
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(libraryJar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, jar);
        jar.closeEntry();
      }
    }
  }

  private static String thisJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A worker's life: started, its stdin closed; what it printed, once it has ended. */
  private record Run(int exit, byte[] stdout, String stderr) {
    static Run of(Process p) throws Exception {
      p.getOutputStream().close();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the worker ends when its stdin ends");
      return new Run(p.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
      try {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    void assertClean() {
      assertEquals("", stderr, "nothing on stderr");
      assertEquals(0, exit);
      assertArrayEquals(Protocol.START, Arrays.copyOf(stdout, Protocol.START.length), "stdout begins with the start mark");
    }
  }

  private static Path awaitArchive(WorkerArchive archive) throws InterruptedException {
    for (int i = 0; i < 200 && !Files.isRegularFile(archive.file()); i++) {
      Thread.sleep(50);
    }
    assertTrue(Files.isRegularFile(archive.file()), "the first worker recorded the archive: " + archive.file());
    return archive.file();
  }

  /** Records with {@code java}, then checks that the next worker maps it (-Xshare:on fails if it cannot). */
  private static void recordsThenUses(String java, int feature, Path folder) throws Exception {
    WorkerCommand command = new WorkerCommand(java, feature, List.of(libraryJar.toString()), folder);
    WorkerArchive archive = WorkerArchive.of(List.of(libraryJar.toString()), folder).orElseThrow();
    assertFalse(Files.exists(archive.file()));
    // what a worker recording when its parent was killed leaves (no process has such a pid)
    Files.write(folder.resolve(archive.file().getFileName() + ".99999999.part"), new byte[] {1});
    Run.of(command.start("pool-1-process-1")).assertClean();
    awaitArchive(archive);
    try (Stream<Path> left = Files.list(folder)) {
      assertEquals(List.of(archive.file()), left.toList(), "no partial file is left, not even an orphan");
    }

    WorkerArchive.Plan plan = archive.plan();
    assertEquals(List.of("-XX:SharedArchiveFile=" + archive.file()), plan.options());
    List<String> strict = new ArrayList<>(List.of(java));
    strict.addAll(WorkerCommand.options(feature));
    strict.addAll(plan.options());
    strict.addAll(List.of("-Xshare:on", "-cp", libraryJar.toString(), WorkerMain.class.getName(),
        Long.toString(ProcessHandle.current().pid()), "strict"));
    Run.of(new ProcessBuilder(strict).start()).assertClean();
    Run.of(command.start("pool-1-process-2")).assertClean();
  }

  @Test
  void theFirstWorkerRecordsTheArchiveAndTheNextOnesUseIt(@TempDir Path folder) throws Exception {
    recordsThenUses(thisJava(), Runtime.version().feature(), folder);
  }

  @Test
  void onJdk17TooWhereItIsInstalled(@TempDir Path folder) throws Exception {
    assumeTrue(Files.isExecutable(JDK_17), "no JDK 17 at " + JDK_17);
    recordsThenUses(JDK_17.toString(), 17, folder);
  }

  @Test
  void onJdk25TooWhereItIsInstalled(@TempDir Path folder) throws Exception {
    assumeTrue(Files.isExecutable(JDK_25), "no JDK 25 at " + JDK_25);
    recordsThenUses(JDK_25.toString(), 25, folder);
  }

  @Test
  void aBrokenOrStaleArchiveIsIgnoredSilently(@TempDir Path folder) throws Exception {
    WorkerCommand command = new WorkerCommand(thisJava(), Runtime.version().feature(), List.of(libraryJar.toString()), folder);
    WorkerArchive archive = WorkerArchive.of(List.of(libraryJar.toString()), folder).orElseThrow();
    Run.of(command.start("pool-1-process-1")).assertClean();
    Path file = awaitArchive(archive);

    // (a file cut short can crash JDK 17 as it maps it: archives are only ever moved into place whole)
    Files.write(file, "not an archive".getBytes(StandardCharsets.UTF_8));
    Run.of(command.start("pool-1-process-3")).assertClean();
    // recorded for another classpath, as an archive left by an older jar would be
    Path other = jars.resolve("other.jar");
    Files.copy(libraryJar, other, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path otherFolder = Files.createDirectories(folder.resolve("other"));
    WorkerCommand withOther = new WorkerCommand(thisJava(), Runtime.version().feature(), List.of(other.toString()), otherFolder);
    Run.of(withOther.start("pool-2-process-1")).assertClean();
    Path recordedForOther = awaitArchive(WorkerArchive.of(List.of(other.toString()), otherFolder).orElseThrow());
    Files.copy(recordedForOther, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Run.of(command.start("pool-1-process-4")).assertClean();
  }

  @Test
  void noArchiveWhereTheJvmCannotShareTheClasses(@TempDir Path folder) throws Exception {
    Path classes = Files.createDirectories(folder.resolve("classes"));
    assertTrue(WorkerArchive.of(List.of(libraryJar.toString(), classes.toString()), folder).isEmpty(),
        "a directory on the classpath");
    assertTrue(WorkerArchive.of(List.of(libraryJar.toString()), null).isEmpty(), "no folder for it");
    Path gone = folder.resolve("gone.jar");
    assertTrue(WorkerArchive.of(List.of(gone.toString()), folder).isEmpty(), "a jar that is not there");
    // and such a worker starts as well, silently
    WorkerCommand command = new WorkerCommand(thisJava(), Runtime.version().feature(),
        List.of(libraryJar.toString(), classes.toString()), folder);
    Run.of(command.start("pool-1-process-1")).assertClean();
    try (Stream<Path> left = Files.list(folder)) {
      assertEquals(List.of(classes), left.toList(), "no archive recorded");
    }
  }

  /** The JDK's own archived heap objects are mapped, not rebuilt: on JDK 17 that needs G1. */
  private static void mapsTheArchivedModuleGraph(Path java, int feature, Path folder) throws Exception {
    Path log = folder.resolve("cds.log");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(WorkerCommand.options(feature));
    command.addAll(List.of("-Xlog:cds=info:file=" + log, "-cp", libraryJar.toString(), WorkerMain.class.getName(),
        Long.toString(ProcessHandle.current().pid()), "logged"));
    Run.of(new ProcessBuilder(command).start());
    assertTrue(Files.readString(log).contains("full module graph: enabled"), Files.readString(log));
  }

  @Test
  void onJdk17TheWorkerMapsTheArchivedModuleGraph(@TempDir Path folder) throws Exception {
    assumeTrue(Files.isExecutable(JDK_17), "no JDK 17 at " + JDK_17);
    mapsTheArchivedModuleGraph(JDK_17, 17, folder);
  }

  @Test
  void onJdk25TheWorkerMapsTheArchivedModuleGraph(@TempDir Path folder) throws Exception {
    assumeTrue(Files.isExecutable(JDK_25), "no JDK 25 at " + JDK_25);
    mapsTheArchivedModuleGraph(JDK_25, 25, folder);
  }

  @Test
  void theLogTagOfJdk24AndLaterIsNotGivenToOlderJdks() {
    assertTrue(WorkerCommand.options(17).stream().noneMatch(o -> o.contains("aot")));
    assertTrue(WorkerCommand.options(25).stream().anyMatch(o -> o.contains("aot*=off")));
  }

  /**
   * The archives at their own address: the JDK's log says so (the workers of the tests above, on
   * 17 and 25, show that the option is accepted); a JDK newer than those checked does not get it.
   */
  @Test
  void theArchiveIsMappedWhereItWasMadeForOnTheJdksChecked(@TempDir Path folder) throws Exception {
    int feature = Runtime.version().feature();
    assumeTrue(feature <= WorkerCommand.FIXED_ARCHIVE_ADDRESS_CHECKED_UP_TO, "a JDK newer than those checked");
    Path log = folder.resolve("cds.log");
    List<String> command = new ArrayList<>(List.of(thisJava()));
    command.addAll(WorkerCommand.options(feature));
    command.addAll(List.of("-Xlog:cds=info:file=" + log, "-cp", libraryJar.toString(), WorkerMain.class.getName(),
        Long.toString(ProcessHandle.current().pid()), "logged"));
    Run.of(new ProcessBuilder(command).start()).assertClean();
    assertFalse(Files.readString(log).contains("always map archive(s) at an alternative address"), Files.readString(log));
    assertTrue(WorkerCommand.options(WorkerCommand.FIXED_ARCHIVE_ADDRESS_CHECKED_UP_TO + 1).stream()
        .noneMatch(o -> o.contains("ArchiveRelocationMode")));
  }

}
