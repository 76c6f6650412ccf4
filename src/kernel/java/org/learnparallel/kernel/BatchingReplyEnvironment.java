package org.learnparallel.kernel;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

/**
 * One request's replies, with what the cell prints batched as ipykernel does: JJava sends a
 * {@code stream} message per line (its {@code System.out} flushes at every println), which floods
 * the front end when a loop or a pool's workers print a lot. Here printed text collects in a buffer
 * that is sent at most {@link #FLUSH_INTERVAL_MS} after its first character arrives; stdout and
 * stderr keep their order (a switch from one to the other starts a new message), and the buffer is
 * sent before any other message of the request (a display, the result, an error, the idle status),
 * so nothing is lost or reordered. Threads and pool worker processes print through the same
 * {@code System.out}, so their output is batched too.
 */
final class BatchingReplyEnvironment extends ShellReplyEnvironment {
  /** ipykernel's flush interval. */
  static final long FLUSH_INTERVAL_MS = 200;

  private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stream-flusher");
    t.setDaemon(true);
    return t;
  });

  private final StringBuilder pending = new StringBuilder(); // guarded by this
  private PublishStream.StreamType pendingType;
  private volatile String lastResult; // guarded by this; null when pending is empty

  BatchingReplyEnvironment(ShellChannel shell, StdinChannel stdin, JupyterSocket iopub, MessageContext context) {
    super(shell, stdin, iopub, context);
  }

  @Override
  public void writeToStdOut(String text) {
    append(PublishStream.StreamType.OUT, text);
  }

  @Override
  public void writeToStdErr(String text) {
    append(PublishStream.StreamType.ERR, text);
  }

  private synchronized void append(PublishStream.StreamType type, String text) {
    if (text.isEmpty()) {
      return;
    }
    if (pendingType != null && pendingType != type) {
      flush();
    }
    if (pendingType == null) {
      FLUSHER.schedule(this::flush, FLUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }
    pendingType = type;
    pending.append(text);
  }

  /** Sends what is pending now, straight to IOPub (a deferred reply must not hold printed text back). */
  synchronized void flush() {
    if (pendingType == null) {
      return;
    }
    PublishStream stream = new PublishStream(pendingType, pending.toString());
    pending.setLength(0);
    pendingType = null;
    getIopub().sendMessage(new Message<>(getContext(), stream.getType(), stream));
  }

  /** The text of the request's result, for the history. */
  String lastResult() {
    return lastResult;
  }

  @Override
  public void publish(Message<?> message) {
    if (message.getContent() instanceof PublishExecuteResult result) {
      Object text = result.getData(MIMEType.TEXT_PLAIN);
      lastResult = text == null ? null : text.toString();
    }
    if (message.getHeader().getType() != PublishStream.MESSAGE_TYPE) {
      flush();
    }
    super.publish(message);
  }

  /** A prompt printed before reading input shows before the input box. */
  @Override
  public String readFromStdIn(String prompt, boolean isPassword) {
    flush();
    return super.readFromStdIn(prompt, isPassword);
  }

  @Override
  public void reply(Message<?> message) {
    flush();
    super.reply(message);
  }

  /** The idle status goes out after the last printed text, even text printed while the reply was sent. */
  @Override
  public void setBusyDeferIdle() {
    setStatusBusy();
    defer(() -> {
      flush();
      getIopub().sendMessage(new Message<>(getContext(), PublishStatus.MESSAGE_TYPE, PublishStatus.IDLE));
    });
  }

  @Override
  public void resolveDeferrals() {
    flush();
    super.resolveDeferrals();
  }
}
