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
    StringBuilder s = progress();
    if (cpu != null) {
      s.append(" · CPU").append(over ? " (whole call)" : "").append(": this kernel ").append(Math.round(100 * cpu.mineOverall()))
          .append(" %, other programs ").append(Math.round(100 * cpu.othersOverall())).append(" %");
    }
    return s.toString();
  }

  // The text's first part, which the progress bar shows too.
  private StringBuilder progress() {
    StringBuilder s = new StringBuilder(120).append(call).append(": ").append(done).append('/').append(total)
        .append(" items (").append(percent()).append(" %), ");
    fixed(s, elapsed, 1).append(" s, ");
    double rate = rate();
    fixed(s, rate, rate >= 100 ? 0 : rate >= 10 ? 1 : 2).append(" items/s");
    if (!over && done > 0 && done < total) {
      fixed(s.append(", about "), (total - done) / rate, 1).append(" s left");
    }
    if (over && done < total) {
      s.append(", stopped");
    }
    return s;
  }

  String html() {
    // one builder, sized for the whole frame, with the height known first: no copies but the last
    Map<String, List<Run>> rows = new LinkedHashMap<>();
    runs.forEach(r -> rows.computeIfAbsent(r.worker(), k -> new ArrayList<>()).add(r));
    int processors = cpu == null ? 0 : cpu.busy().length;
    int height = 30 + (cpu == null ? 0 : 16 + 58) + (rows.isEmpty() ? 0 : 16 + 18 * rows.size()) + 4;
    StringBuilder svg = new StringBuilder(640 + 240 * processors + 40 * rows.size() + 120 * runs.size())
        .append("<div class=\"learnparallel-live\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">");
    int y = 0;
    // progress bar
    double shown = total == 0 ? 1 : (double) done / total;
    rect(svg, 0, y, WIDTH, 18, "#e5e5e5");
    rect(svg, 0, y, WIDTH * shown, 18, over && done < total ? "#d62728" : "#2ca02c");
    text(svg, 6, y + 13, escape(progress().toString()), "#000");
    y += 30;
    // one bar per processor: this kernel's part, then other programs'
    if (cpu != null) {
      text(svg, 0, y + 10, over ? "CPU per logical processor, averaged over the call: this kernel (blue), other programs (orange)"
          : "CPU per logical processor: this kernel (blue), other programs (orange)", "#444");
      y += 16;
      double w = Math.min(40, (WIDTH - 2.0 * processors) / processors);
      for (int i = 0; i < processors; i++) {
        double x = i * (w + 2);
        double mine = cpu.mine()[i] * 50;
        double others = (cpu.busy()[i] - cpu.mine()[i]) * 50;
        rect(svg, x, y, w, 50, "#eeeeee");
        rect(svg, x, y + 50 - mine, w, mine, MINE);
        rect(svg, x, y + 50 - mine - others, w, others, OTHERS);
      }
      y += 58;
    }
    // task stream: a row per worker, a bar per chunk
    if (!rows.isEmpty()) {
      text(svg, 0, y + 10, "Task stream: a row per worker, a bar per chunk (" + runs.size() + " so far)", "#444");
      y += 16;
      double scale = elapsed > 0 ? (WIDTH - 140) / elapsed : 0;
      for (Map.Entry<String, List<Run>> row : rows.entrySet()) {
        text(svg, 0, y + 12, escape(row.getKey()), "#000");
        for (Run r : row.getValue()) {
          double end = Double.isNaN(r.end()) ? elapsed : r.end();
          num(svg.append("<rect x=\""), 140 + r.start() * scale).append("\" y=\"").append(y + 2).append("\" width=\"");
          num(svg, Math.max(2, (end - r.start()) * scale)).append("\" height=\"14\" fill=\"")
              .append(Double.isNaN(r.end()) ? "#9ecae1" : MINE).append("\" stroke=\"#fff\"><title>")
              .append(escape(r.label())).append("</title></rect>");
        }
        y += 18;
      }
    }
    return svg.append("</svg></div>").toString();
  }

  private static void rect(StringBuilder svg, double x, double y, double w, double h, String fill) {
    num(svg.append("<rect x=\""), x).append("\" y=\"");
    num(svg, y).append("\" width=\"");
    num(svg, w).append("\" height=\"");
    num(svg, h).append("\" fill=\"").append(fill).append("\"/>");
  }

  private static void text(StringBuilder svg, double x, double y, String s, String fill) {
    num(svg.append("<text x=\""), x).append("\" y=\"");
    num(svg, y).append("\" fill=\"").append(fill).append("\">").append(s).append("</text>");
  }

  private static StringBuilder num(StringBuilder s, double v) {
    return fixed(s, v, 1);
  }

  /**
   * Appends {@code v} with {@code decimals} digits after the point (0 to 2), as
   * {@code String.format(Locale.ROOT, "%.2f", v)} does but for a last digit in a tie (1.005 is 1.00
   * here, 1.01 there), without its cost: a frame has a hundred numbers and is drawn four times a
   * second, mostly by code the JIT has not compiled yet.
   */
  static StringBuilder fixed(StringBuilder s, double v, int decimals) {
    if (!Double.isFinite(v) || Math.abs(v) >= 1e15) {
      return s.append(String.format(Locale.ROOT, "%." + decimals + "f", v));
    }
    int scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
    long units = Math.round(Math.abs(v) * scale);
    if (v < 0 || (v == 0 && 1 / v < 0)) {
      s.append('-');
    }
    s.append(units / scale);
    if (decimals > 0) {
      long fraction = units % scale;
      s.append('.');
      if (decimals == 2 && fraction < 10) {
        s.append('0');
      }
      s.append(fraction);
    }
    return s;
  }

  private static String escape(String s) {
    return s.indexOf('&') < 0 && s.indexOf('<') < 0 && s.indexOf('>') < 0
        ? s : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
