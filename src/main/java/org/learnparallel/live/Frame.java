package org.learnparallel.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a live view shows at one moment, drawn as HTML with inline SVG (no script: it shows on GitHub,
 * in a static export and in an untrusted notebook) and as one text line (terminals, nbclient).
 *
 * <pre>{@code
 * Frame f = new Frame("map", 3, 8, 2, 1.5, null, List.of(), false);
 * f.text()   // "map: 3/8 items (38 %), 1.5 s, 2.0 items/s, about 2.5 s left"
 * }</pre>
 *
 * @param call what runs: {@code map}, {@code imap}, {@code apply}
 * @param done items done
 * @param total items in the call
 * @param workers the pool's workers
 * @param elapsed seconds since the call started
 * @param cpu the processors' load (over the last interval while running; over the whole call at
 *     the end), or null before the second reading
 * @param runs the chunks started so far
 * @param over whether the call has ended
 */
record Frame(String call, int done, int total, int workers, double elapsed, CpuShares cpu, List<Run> runs, boolean over) {

  /**
   * One chunk on one worker.
   *
   * @param label its items, such as {@code items 0-3}
   * @param worker the worker's name
   * @param start seconds since the call started
   * @param end seconds since the call started; NaN while it runs
   */
  record Run(String label, String worker, double start, double end) {}

  private static final int WIDTH = 640;
  private static final String MINE = "#1f77b4";
  private static final String OTHERS = "#ff7f0e";

  /** Items per second so far; 0 before the first. */
  double rate() {
    return elapsed > 0 ? done / elapsed : 0;
  }

  int percent() {
    return total == 0 ? 100 : (int) Math.round(100.0 * done / total);
  }

  String text() {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: %d/%d items (%d %%), %.1f s, %s items/s",
        call, done, total, percent(), elapsed, digits(rate())));
    if (!over && done > 0 && done < total) {
      s.append(String.format(Locale.ROOT, ", about %.1f s left", (total - done) / rate()));
    }
    if (over && done < total) {
      s.append(", stopped");
    }
    if (cpu != null) {
      s.append(String.format(Locale.ROOT, " · CPU%s: this kernel %d %%, other programs %d %%",
          over ? " (whole call)" : "", Math.round(100 * cpu.mineOverall()), Math.round(100 * cpu.othersOverall())));
    }
    return s.toString();
  }

  String html() {
    StringBuilder svg = new StringBuilder();
    int y = 0;
    // progress bar
    double shown = total == 0 ? 1 : (double) done / total;
    svg.append(rect(0, y, WIDTH, 18, "#e5e5e5")).append(rect(0, y, WIDTH * shown, 18, over && done < total ? "#d62728" : "#2ca02c"));
    svg.append(text(6, y + 13, escape(text().split(" · ")[0]), "#000"));
    y += 30;
    // one bar per processor: this kernel's part, then other programs'
    if (cpu != null) {
      int n = cpu.busy().length;
      svg.append(text(0, y + 10, "CPU per logical processor" + (over ? ", averaged over the call" : "")
          + ": this kernel (blue), other programs (orange)", "#444"));
      y += 16;
      double w = Math.min(40, (WIDTH - 2.0 * n) / n);
      for (int i = 0; i < n; i++) {
        double x = i * (w + 2);
        double mine = cpu.mine()[i] * 50;
        double others = (cpu.busy()[i] - cpu.mine()[i]) * 50;
        svg.append(rect(x, y, w, 50, "#eeeeee"))
            .append(rect(x, y + 50 - mine, w, mine, MINE))
            .append(rect(x, y + 50 - mine - others, w, others, OTHERS));
      }
      y += 58;
    }
    // task stream: a row per worker, a bar per chunk
    Map<String, List<Run>> rows = new LinkedHashMap<>();
    runs.forEach(r -> rows.computeIfAbsent(r.worker(), k -> new ArrayList<>()).add(r));
    if (!rows.isEmpty()) {
      svg.append(text(0, y + 10, "Task stream: a row per worker, a bar per chunk (" + runs.size() + " so far)", "#444"));
      y += 16;
      double scale = elapsed > 0 ? (WIDTH - 140) / elapsed : 0;
      for (Map.Entry<String, List<Run>> row : rows.entrySet()) {
        svg.append(text(0, y + 12, escape(row.getKey()), "#000"));
        for (Run r : row.getValue()) {
          double end = Double.isNaN(r.end()) ? elapsed : r.end();
          svg.append("<rect x=\"").append(num(140 + r.start() * scale)).append("\" y=\"").append(y + 2)
              .append("\" width=\"").append(num(Math.max(2, (end - r.start()) * scale))).append("\" height=\"14\" fill=\"")
              .append(Double.isNaN(r.end()) ? "#9ecae1" : MINE).append("\" stroke=\"#fff\"><title>")
              .append(escape(r.label())).append("</title></rect>");
        }
        y += 18;
      }
    }
    return "<div class=\"learnparallel-live\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH
        + "\" height=\"" + (y + 4) + "\" font-family=\"sans-serif\" font-size=\"12\">" + svg + "</svg></div>";
  }

  private static String rect(double x, double y, double w, double h, String fill) {
    return "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) + "\" fill=\"" + fill + "\"/>";
  }

  private static String text(double x, double y, String s, String fill) {
    return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" fill=\"" + fill + "\">" + s + "</text>";
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String digits(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
