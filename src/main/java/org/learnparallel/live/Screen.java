package org.learnparallel.live;

import java.lang.reflect.Field;
import java.util.UUID;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

/**
 * Where a live view is drawn: a notebook output that is replaced in place, through the JJava
 * kernel ({@code display_data}, then {@code update_display_data} with the same display id). Only
 * API that JJava 1.0-a6 (compiled against) and 1.0a8 (the kernel) share is called: the display id
 * is put as transient data, as {@code DisplayData.setDisplayId} does, whose return type differs
 * between them (calling it would fail with {@code NoSuchMethodError} in one of them).
 */
interface Screen {

  /** Shows {@code frame} in a new output; returns the output's id. */
  String show(Frame frame);

  /** Replaces the output {@code id} with {@code frame}. */
  void update(String id, Frame frame);

  /** This screen, drawing into the output of the cell that runs now even after that cell has ended. */
  default Screen forThisCell() {
    return this;
  }

  /** The running notebook's, or null outside a JJava kernel (plain Java, JUnit, JShell): then nothing is drawn. */
  static Screen notebook() {
    try {
      BaseKernel kernel = BaseKernel.notebookKernel();
      if (kernel == null) {
        return null;
      }
      return new Notebook(kernel.getIO().display, Notebook.cellField(), null);
    } catch (LinkageError | NullPointerException notInAKernel) {
      return null; // JJava's notebookKernel() throws NullPointerException outside a kernel (1.0-a6 and 1.0a8)
    }
  }

  /**
   * JJava's display stream writes to the cell that runs at that moment, and drops what comes when
   * none runs. A cell's stop button ends the cell at once (JJava cancels it without waiting for its
   * thread), and the final frame of the call it interrupted is drawn a moment later: through the
   * stream it would be lost, and the view would go on saying "about 9 s left" (and an async call's
   * view, drawn after its cell has returned, would not show at all). So a view keeps its
   * own cell's reply channel ({@code DisplayStream}'s private field: JJava has no public way to
   * it), and publishes there; JupyterLab still applies that cell's late outputs. Where the field
   * cannot be read (another JJava), the stream it is.
   */
  final class Notebook implements Screen {
    private final DisplayStream stream;
    private final Field cellField; // null: this JJava's stream has no readable channel
    private final ShellReplyEnvironment cell; // null: through the stream

    Notebook(DisplayStream stream, Field cellField, ShellReplyEnvironment cell) {
      this.stream = stream;
      this.cellField = cellField;
      this.cell = cell;
    }

    static Field cellField() {
      try {
        Field f = DisplayStream.class.getDeclaredField("env");
        f.setAccessible(true);
        return f.getType() == ShellReplyEnvironment.class ? f : null;
      } catch (ReflectiveOperationException | RuntimeException notThisJJava) {
        return null;
      }
    }

    @Override
    public Screen forThisCell() {
      try {
        Object running = cellField == null ? null : cellField.get(stream);
        return running == null ? this : new Notebook(stream, cellField, (ShellReplyEnvironment) running);
      } catch (IllegalAccessException e) {
        return this;
      }
    }

    @Override
    public String show(Frame frame) {
      String id = UUID.randomUUID().toString();
      DisplayData data = bundle(frame, id);
      if (cell == null) {
        stream.display(data);
      } else {
        cell.publish(new PublishDisplayData(data));
      }
      return id;
    }

    @Override
    public void update(String id, Frame frame) {
      DisplayData data = bundle(frame, id);
      if (cell == null) {
        stream.updateDisplay(data);
      } else {
        cell.publish(new PublishUpdateDisplayData(data));
      }
    }

    private static DisplayData bundle(Frame frame, String id) {
      DisplayData data = new DisplayData();
      data.putData("text/html", frame.html());
      data.putData("text/plain", frame.text());
      data.putTransientData("display_id", id);
      return data;
    }
  }
}
