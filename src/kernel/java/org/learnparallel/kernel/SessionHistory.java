package org.learnparallel.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * The cells run since the kernel started, for {@code history_request}s (JupyterLab's cell history,
 * the console's up arrow). In memory only: a restarted kernel starts a new, empty history, and
 * earlier sessions are not kept (IPython keeps them in a database; nothing in the course needs
 * that). This session is number {@value #SESSION}.
 */
final class SessionHistory implements HistoryManager {
  static final int SESSION = 1;

  private record Cell(int number, String input, String output) {}

  private final List<Cell> cells = new ArrayList<>(); // guarded by this

  synchronized void add(int number, String input, String output) {
    cells.add(new Cell(number, input, output == null ? "" : output));
  }

  @Override
  public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
    List<HistoryEntry> out = new ArrayList<>();
    if (session != 0 && session != SESSION) {
      return out;
    }
    for (Cell c : cells) {
      if (c.number >= start && (stop <= 0 || c.number < stop)) {
        out.add(entry(c, flags));
      }
    }
    return out;
  }

  @Override
  public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
    List<HistoryEntry> out = new ArrayList<>();
    for (Cell c : cells.subList(Math.max(0, cells.size() - length), cells.size())) {
      out.add(entry(c, flags));
    }
    return out;
  }

  /** IPython's glob: {@code *} any text, {@code ?} one character; the last {@code length} matches. */
  @Override
  public synchronized List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
    StringBuilder regex = new StringBuilder();
    for (char ch : glob.toCharArray()) {
      regex.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
    }
    Pattern pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
    Map<String, Cell> matches = new LinkedHashMap<>();
    for (Cell c : cells) {
      if (pattern.matcher(c.input).matches()) {
        String key = flags.contains(ResultFlag.UNIQUE) ? c.input : c.number + "";
        matches.remove(key);
        matches.put(key, c);
      }
    }
    List<Cell> found = new ArrayList<>(matches.values());
    List<HistoryEntry> out = new ArrayList<>();
    for (Cell c : length > 0 ? found.subList(Math.max(0, found.size() - length), found.size()) : found) {
      out.add(entry(c, flags));
    }
    return out;
  }

  private static HistoryEntry entry(Cell c, Set<ResultFlag> flags) {
    return new HistoryEntry(SESSION, c.number, c.input, flags.contains(ResultFlag.INCLUDE_OUTPUT) ? c.output : null);
  }
}
