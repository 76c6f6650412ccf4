package org.learnparallel.live;

import java.lang.reflect.Method;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Where a live view is drawn: a notebook output that is replaced in place, through the JJava
 * kernel's display stream ({@code display_data}, then {@code update_display_data} with the same
 * display id). Only API that JJava 1.0-a6 (compiled against) and 1.0a8 (the kernel) share is called
 * directly; {@code DisplayData.setDisplayId}, whose return type differs between them, is called by
 * reflection so that neither fails with {@code NoSuchMethodError}.
 */
interface Screen {

  /** Shows {@code frame} in a new output; returns the output's id. */
  String show(Frame frame);

  /** Replaces the output {@code id} with {@code frame}. */
  void update(String id, Frame frame);

  /** The running notebook's, or null outside a JJava kernel (plain Java, JUnit, JShell): then nothing is drawn. */
  static Screen notebook() {
    try {
      BaseKernel kernel = BaseKernel.notebookKernel();
      if (kernel == null) {
        return null;
      }
      DisplayStream stream = kernel.getIO().display;
      Method setDisplayId = DisplayData.class.getMethod("setDisplayId", String.class);
      return new Screen() {
        @Override
        public String show(Frame frame) {
          String id = UUID.randomUUID().toString();
          DisplayData data = bundle(frame);
          try {
            setDisplayId.invoke(data, id);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the notebook cannot show the live view: " + e, e);
          }
          stream.display(data);
          return id;
        }

        @Override
        public void update(String id, Frame frame) {
          stream.updateDisplay(id, bundle(frame));
        }
      };
    } catch (ReflectiveOperationException | LinkageError | NullPointerException notInAKernel) {
      return null; // JJava's notebookKernel() throws NullPointerException outside a kernel (1.0-a6 and 1.0a8)
    }
  }

  private static DisplayData bundle(Frame frame) {
    DisplayData data = new DisplayData();
    data.putData("text/html", frame.html());
    data.putData("text/plain", frame.text());
    return data;
  }
}
