package org.learnparallel.kernel;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.magic.MagicsResolver;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.kernel.JavaKernel;
import org.dflib.jjava.kernel.JavaKernelBuilder;
import org.dflib.jjava.kernel.execution.CodeEvaluator;

/**
 * JJava's Java kernel (version {@value #JJAVA_VERSION}, the one kernel-setup installs) with what the
 * course needs on top; everything else is JJava's own behaviour:
 * <ul>
 *   <li>a {@code kernel_info_reply} that says {@code "status": "ok"}, and an idle status once the
 *       kernel is up: JupyterLab ignores the busy/idle of {@code kernel_info} requests, so without it
 *       the status bar reads "Unknown" until a cell runs;
 *   <li>Shift+Tab shows the course library's Javadoc ({@link Javadocs}) and JShell's signatures for
 *       the rest;
 *   <li>the history of this session's cells ({@link SessionHistory});
 *   <li>short errors for the library's exceptions ({@link ShortErrors});
 *   <li>printed output batched a few times a second ({@link BatchingReplyEnvironment});
 *   <li>an interrupt that comes while the cell is still being compiled stops it too (JJava's stops
 *       only code that already runs: a Stop pressed right after Shift+Enter was lost).
 * </ul>
 *
 * <p>In a notebook on this kernel:
 *
 * <pre>{@code
 * Pool.threads      // Shift+Tab here: the signatures and Javadoc of Pool.threads
 * for (int i = 0; i < 100_000; i++) System.out.println("line " + i);  // a few messages, not 100,000
 * System.setProperty("learnparallel.traces", "full");  // library errors with their whole trace
 * }</pre>
 */
public final class CourseKernel extends JavaKernel {
  /** The JJava release this class is compiled and tested against (PyPI's jjava 1.0a8). */
  public static final String JJAVA_VERSION = "1.0-a8";

  private final SessionHistory history;
  private final Javadocs javadocs = new Javadocs();
  private final AtomicBoolean executing = new AtomicBoolean();
  /** Guards {@link #cell} and the start and end of a cell, so that an interrupt reaches no later cell. */
  private final Object cells = new Object();
  private long cell; // the number of execute requests begun

  private CourseKernel(String name, String version, LanguageInfo languageInfo, List<HelpLink> helpLinks,
      SessionHistory history, JupyterIO io, CommManager commManager, Renderer renderer,
      MagicsResolver magicsResolver, MagicsRegistry magicsRegistry, boolean extensionsEnabled,
      StringStyler errorStyler, JShell jShell, CodeEvaluator evaluator) {
    super(name, version, languageInfo, helpLinks, history, io, commManager, renderer, magicsResolver,
        magicsRegistry, extensionsEnabled, errorStyler, jShell, evaluator);
    this.history = history;
  }

  @Override
  protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> request) {
    env.setBusyDeferIdle();
    env.reply(new OkKernelInfoReply(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(),
        getHelpLinks()));
    if (!executing.get()) {
      // Not tied to the request (as ipykernel's "starting" is not), so that JupyterLab counts it.
      env.defer(() -> env.getIopub().sendMessage(new Message<>(
          new Header<>(env.getContext().getHeader().getSessionId(), PublishStatus.MESSAGE_TYPE),
          PublishStatus.IDLE)));
    }
  }

  /** JJava's handler answers nothing without a history manager, and its reply lacks {@code status}. */
  @Override
  protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
    env.setBusyDeferIdle();
    HistoryRequest request = message.getContent();
    Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
    if (request.includeOutput()) {
      flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
    }
    List<HistoryEntry> entries = switch (request.getAccessType()) {
      case TAIL -> history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
      case RANGE -> {
        HistoryRequest.Range range = (HistoryRequest.Range) request;
        yield history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
      }
      case SEARCH -> {
        HistoryRequest.Search search = (HistoryRequest.Search) request;
        if (search.filterUnique()) {
          flags.add(HistoryManager.ResultFlag.UNIQUE);
        }
        yield history.search(search.getPattern(), search.getMaxReturnLength(), flags);
      }
    };
    List<Object> rows = new ArrayList<>();
    for (HistoryEntry e : entries) {
      rows.add(List.of(e.getSession(), e.getCellNumber(), e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput()));
    }
    env.reply(historyReply(env, Map.of("status", "ok", "history", rows)));
  }

  /**
   * A {@code history_reply} written as a plain map: JJava's {@code HistoryReply} lacks the
   * {@code status} field, and its entries come out as JSON objects instead of the spec's
   * {@code [session, line, input]} lists (its adapter is registered for reading only).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Message<?> historyReply(ShellReplyEnvironment env, Map<String, Object> content) {
    return new Message(env.getContext(), HistoryReply.MESSAGE_TYPE, content);
  }

  @Override
  protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> request) {
    int count = executionCount.get();
    synchronized (cells) {
      cell++;
      executing.set(true);
    }
    try {
      super.handleExecuteRequest(env, request);
    } finally {
      synchronized (cells) {
        executing.set(false);
      }
      if (request.getContent().shouldStoreHistory()) {
        history.add(count, request.getContent().getCode(),
            env instanceof BatchingReplyEnvironment batching ? batching.lastResult() : null);
      }
    }
  }

  /**
   * JJava's interrupt cancels the cell's code if it runs, and does nothing while the cell is still
   * being compiled: the cell then ran to its end. So the interrupt is repeated, every 20 ms, until the
   * cell it was meant for has ended; never for a later cell (both under {@link #cells}).
   */
  @Override
  public void interrupt() {
    long target;
    synchronized (cells) {
      super.interrupt();
      if (!executing.get()) {
        return;
      }
      target = cell;
    }
    Thread repeater = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
        synchronized (cells) {
          if (!executing.get() || cell != target) {
            return;
          }
          super.interrupt();
        }
      }
    }, "interrupt-until-the-cell-ends");
    repeater.setDaemon(true);
    repeater.start();
  }

  /** Reads the library's Javadoc in the background, so that the first Shift+Tab does not wait for it. */
  void prepareJavadocs() {
    Thread t = new Thread(javadocs::prepare, "javadoc-index");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    Javadocs.Target target = Javadocs.target(code, at);
    if (target == null) {
      return null;
    }
    List<SourceCodeAnalysis.Documentation> signatures = target.member() == null ? List.of()
        : getJShell().sourceCodeAnalysis().documentation(target.expression() + "(", target.expression().length() + 1, false);
    return javadocs.describe(target, signatures);
  }

  @Override
  protected List<String> formatError(Throwable e) {
    List<String> shortened = ShortErrors.format(e, errorStyler);
    return shortened != null ? shortened : super.formatError(e);
  }

  /** JJava's reply plus the {@code status} field that the message spec requires. */
  static final class OkKernelInfoReply extends KernelInfoReply {
    @SuppressWarnings("unused") // read by JJava's JSON writer
    private final String status = "ok";

    OkKernelInfoReply(String protocol, String name, String version, LanguageInfo info, String banner,
        List<HelpLink> links) {
      super(protocol, name, version, info, banner, links);
    }
  }

  /** JJava's {@code JavaKernel.Builder}, building this class. */
  static final class Builder extends JavaKernelBuilder<Builder, CourseKernel> {
    @Override
    public CourseKernel build() {
      String name = buildName();
      Charset encoding = buildJupyterIOEncoding();
      CodeEvaluator evaluator = buildCodeEvaluator(name);
      JShell jShell = buildJShell(evaluator);
      MagicTranspiler transpiler = buildMagicTranspiler();
      return new CourseKernel(name, buildVersion(), buildLanguageInfo(),
          List.of(new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/"),
              new HelpLink("JJava", "https://github.com/dflib/jjava")),
          new SessionHistory(), buildJupyterIO(encoding), buildCommManager(), buildRenderer(),
          buildMagicsResolver(transpiler), buildMagicsRegistry(), buildExtensionsEnabled(),
          buildErrorStyler(), jShell, evaluator);
    }

    @Override
    protected HistoryManager buildHistoryManager() {
      throw new UnsupportedOperationException("build() makes the SessionHistory");
    }
  }
}
