package org.learnparallel.kernel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.EvalException;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * Short tracebacks for the course library's exceptions: the message of each exception in the
 * chain and the frames of the student's own cells, without the library's and the JDK's frames
 * (a non-Serializable value sent to worker processes otherwise shows some 50 lines of
 * {@code ObjectOutputStream} frames). An exception counts as the library's when its class is in
 * {@code org.learnparallel} (e.g. {@code PoolException} and its subclasses) or the library threw
 * it (its top frame is in {@code org.learnparallel}). Everything else keeps JJava's full trace.
 *
 * <p>The full trace is one switch away, in any cell: {@code System.setProperty("learnparallel.traces",
 * "full")} (and {@code "short"} to go back).
 */
final class ShortErrors {
  static final String SWITCH = "learnparallel.traces";
  private static final String LIBRARY = "org.learnparallel.";

  private ShortErrors() {}

  /** The short form, or null to keep JJava's. */
  static List<String> format(Throwable e, StringStyler styler) {
    // JJava wraps the cell's exception (JShell's EvalException) in a RuntimeException
    Throwable cause = e instanceof EvalException ? e : e.getCause();
    if (!(cause instanceof EvalException top) || "full".equals(System.getProperty(SWITCH)) || !fromLibrary(top)) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    Set<String> shown = new HashSet<>(); // a cause's frames repeat its effect's, as "... n more" says
    String previous = "";
    int hidden = 0;
    for (Throwable t = top; t != null; t = t.getCause()) {
      String name = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
      String message = t.getMessage() == null ? "" : t.getMessage();
      // a cause whose message its effect already quoted is named without repeating it
      boolean quoted = t != top && !message.isEmpty() && previous.contains(message);
      String headline = name + (message.isEmpty() || quoted ? "" : ": " + message);
      lines.add(styler.primary((t == top ? "" : "Caused by: ") + headline));
      previous = message;
      for (StackTraceElement frame : t.getStackTrace()) {
        if (inCell(frame)) {
          if (shown.add(cellFrame(frame))) {
            lines.add(styler.secondary("\tat " + cellFrame(frame)));
          }
        } else {
          hidden++;
        }
      }
    }
    lines.add(styler.secondary("(" + hidden + " frames of the library and the JDK hidden; "
        + "System.setProperty(\"" + SWITCH + "\", \"full\") shows them)"));
    return lines;
  }

  private static boolean fromLibrary(EvalException e) {
    StackTraceElement[] frames = e.getStackTrace();
    return e.getExceptionClassName().startsWith(LIBRARY)
        || frames.length > 0 && frames[0].getClassName().startsWith(LIBRARY);
  }

  /** A frame of a notebook cell: JShell names its snippets' source "#id". */
  private static boolean inCell(StackTraceElement frame) {
    return frame.getFileName() != null && frame.getFileName().startsWith("#");
  }

  private static String cellFrame(StackTraceElement frame) {
    String method = frame.getMethodName().isEmpty() ? "cell" : frame.getMethodName();
    return method + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
  }
}
