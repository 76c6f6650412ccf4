package org.learnparallel.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.learnparallel.timing.Timeline;

/**
 * What a notebook's cluster cells printed in a run recorded on another machine, for a machine that
 * cannot start the cluster (Binder's 2 GB with other kernels running): notebook 07 shows it when
 * {@link LocalCluster#start(int)} throws {@link NotEnoughMemoryException}.
 *
 * <p>The file: lines {@code # key: value} about the machine, then a section per cell, headed
 * {@code ## tag} (the cell's tag) and holding what it printed, or headed {@code ## tag timeline} and
 * holding the tasks of its timeline as CSV ({@code label,worker,start_s,end_s}).
 *
 * <pre>{@code
 * RecordedRun recorded = RecordedRun.read("data/spark-cluster-2core-intel-xeon.txt");
 * recorded.about()              // machine, date, conditions
 * recorded.print("cluster")     // what the cell tagged "cluster" printed there
 * recorded.timeline("timeline") // its task timeline, as a chart
 * }</pre>
 */
public final class RecordedRun {
  private static final String TIMELINE = " timeline";

  private final Path file;
  private final List<String> about;
  private final Map<String, String> sections; // by heading, in file order

  private RecordedRun(Path file, List<String> about, Map<String, String> sections) {
    this.file = file;
    this.about = about;
    this.sections = sections;
  }

  /**
   * Reads a recorded run.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public static RecordedRun read(String file) {
    Path path = Path.of(file);
    List<String> lines;
    try {
      lines = Files.readAllLines(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the recorded run " + path.toAbsolutePath(), e);
    }
    List<String> about = new ArrayList<>();
    Map<String, String> sections = new LinkedHashMap<>();
    String heading = null;
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      if (line.startsWith("## ")) {
        if (heading != null) {
          sections.put(heading, text.toString());
        }
        heading = line.substring(3).strip();
        text.setLength(0);
      } else if (heading == null) {
        if (line.startsWith("# ")) {
          about.add(line.substring(2));
        }
      } else {
        text.append(line).append('\n');
      }
    }
    if (heading != null) {
      sections.put(heading, text.toString());
    }
    return new RecordedRun(path, List.copyOf(about), sections);
  }

  /** The lines about the recording (machine, date, conditions), one per line. */
  public String about() {
    return String.join("\n", about);
  }

  /** What the cell tagged {@code cell} printed in the recorded run. */
  public String printed(String cell) {
    return section(cell);
  }

  /** Prints what the cell tagged {@code cell} printed in the recorded run, after a line naming the file. */
  public void print(String cell) {
    System.out.print("(recorded run, " + file.getFileName() + ")\n" + printed(cell));
  }

  /** The timeline the cell tagged {@code cell} showed in the recorded run: a chart, and a summary as text. */
  public Timeline timeline(String cell) {
    List<Timeline.Span> spans = new ArrayList<>();
    List<String> rows = section(cell + TIMELINE).lines().skip(1).filter(l -> !l.isBlank()).toList();
    for (String row : rows) {
      String[] f = row.split(",");
      if (f.length != 4) {
        throw new IllegalArgumentException(file + ": a task is label,worker,start_s,end_s, got: " + row);
      }
      spans.add(new Timeline.Span(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3])));
    }
    return Timeline.of(spans);
  }

  private String section(String heading) {
    String text = sections.get(heading);
    if (text == null) {
      throw new IllegalArgumentException(file + " has no section \"## " + heading + "\"; it has " + sections.keySet());
    }
    return text;
  }

  @Override
  public String toString() {
    return "RecordedRun[" + file + ", " + sections.keySet() + "]";
  }
}
