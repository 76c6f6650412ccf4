package org.learnparallel.pool.internal.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class-data-sharing archive of the classes a worker JVM loads, so that the next workers map them
 * ready-parsed instead of reading, parsing and verifying them from the jars: a worker is ready sooner.
 *
 * <p>The first worker started with no archive records one as it exits ({@code
 * -XX:ArchiveClassesAtExit}, JDK 13+), into a temporary file that is moved into place once that
 * worker has ended normally; later workers start with it ({@code -XX:SharedArchiveFile}). The
 * file's name is a digest of the JDK and of every jar of the classpath (path, size, time), so a
 * new JDK or a rebuilt jar gets a new archive instead of a refused one. The JVM checks the archive
 * again itself and, refusing it, runs without it: that is silent, since the workers' command line
 * turns the JVM's CDS messages off. No archive at all where the JVM cannot share application
 * classes: a directory on the classpath (a build's {@code target/classes}), or no writable folder
 * beside the library's jar.
 *
 * <pre>{@code
 * WorkerArchive.of(classpath, jarFolder).map(a -> a.options()).orElse(List.of())
 * }</pre>
 */
final class WorkerArchive {
  /** Archives being recorded by a worker of this JVM: one at a time for each file. */
  private static final Set<Path> RECORDING = ConcurrentHashMap.newKeySet();

  private final Path file;

  private WorkerArchive(Path file) {
    this.file = file;
  }

  /**
   * The archive for workers with this classpath, kept in {@code folder}; empty where there can be
   * none (see the class comment).
   */
  static Optional<WorkerArchive> of(List<String> classpath, Path folder) {
    if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder) || classpath.isEmpty()) {
      return Optional.empty();
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      update(digest, System.getProperty("java.home"), System.getProperty("java.vm.version"));
      for (String entry : classpath) {
        Path jar = Path.of(entry);
        if (!Files.isRegularFile(jar) || !entry.endsWith(".jar")) {
          return Optional.empty();
        }
        update(digest, jar.toAbsolutePath().toString(), Long.toString(Files.size(jar)),
            Files.getLastModifiedTime(jar).toString());
      }
      String name = "worker-classes-" + HexFormat.of().formatHex(digest.digest(), 0, 8) + ".jsa";
      return Optional.of(new WorkerArchive(folder.resolve(name)));
    } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
      return Optional.empty(); // a jar that went away meanwhile: no archive this time
    }
  }

  private static void update(MessageDigest digest, String... parts) {
    for (String part : parts) {
      digest.update(part.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
  }

  Path file() {
    return file;
  }

  /**
   * The JVM options for the next worker: use the archive if it is there; else record it, if no
   * other worker of this JVM is recording it (then {@code recorded} must be called with the
   * worker's process once started); else none.
   */
  Plan plan() {
    if (Files.isRegularFile(file)) {
      return new Plan(List.of("-XX:SharedArchiveFile=" + file), null);
    }
    if (!RECORDING.add(file)) {
      return new Plan(List.of(), null);
    }
    deleteOrphans();
    Path partial = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".part");
    return new Plan(List.of("-XX:ArchiveClassesAtExit=" + partial), partial);
  }

  /**
   * Once the recording worker has ended: its archive is moved into place if it exited normally
   * (the other archives in the folder, of other classpaths or JDKs, are then deleted, with the
   * partial files of workers killed while recording), else dropped; either way another worker may record it next time.
   */
  void recorded(Path partial, Process worker) {
    worker.onExit().thenRun(() -> {
      try {
        if (worker.exitValue() == 0 && Files.isRegularFile(partial) && Files.size(partial) > 0) {
          Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          deleteOthers();
        }
      } catch (IOException | RuntimeException e) {
        // no archive this time: workers start without it
      } finally {
        abandon(partial);
      }
    });
  }

  /** Drops a recording: its partial file, and the claim on the archive. */
  void abandon(Path partial) {
    try {
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      // a stray partial file is harmless: its name is never read
    }
    RECORDING.remove(file);
  }

  /**
   * Deletes the partial files of JVMs that have ended: a worker still recording when its parent
   * was killed or shut down finishes its file, but nobody moves it into place.
   */
  private void deleteOrphans() {
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(file.getParent(), "worker-classes-*.part")) {
      for (Path part : parts) {
        String[] name = part.getFileName().toString().split("\\.");
        long pid = name.length >= 3 && name[name.length - 2].matches("[0-9]{1,18}") ? Long.parseLong(name[name.length - 2]) : -1;
        if (pid > 0 && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
          Files.deleteIfExists(part);
        }
      }
    } catch (IOException | RuntimeException e) {
      // left for the next time
    }
  }

  private void deleteOthers() throws IOException {
    try (DirectoryStream<Path> others = Files.newDirectoryStream(file.getParent(), "worker-classes-*")) {
      for (Path other : others) {
        if (!other.equals(file)) {
          Files.deleteIfExists(other); // a worker that maps it, or writes it, keeps its copy
        }
      }
    }
  }

  /** The options for one worker, and the file it records into, or null if it records none. */
  record Plan(List<String> options, Path recording) {}
}
