package org.learnparallel.pool.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.Test;
import org.learnparallel.pool.Pool;

/**
 * Functions and classes defined in JShell snippets run in worker processes: JShell keeps their
 * bytecode in memory only, as a notebook kernel does, so the workers must get it from this JVM.
 */
class JShellLambdaTest {

  @Test
  void snippetLambdaRunsInWorkerProcesses() {
    assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (JShell shell = JShell.builder().executionEngine("local")
          .out(new PrintStream(out, true, StandardCharsets.UTF_8)).build()) {
        shell.addToClasspath(classes());
        eval(shell, "import org.learnparallel.pool.*;");
        eval(shell, "import java.util.List;");
        eval(shell, "int twice(int x) { return 2 * x + 1; }");
        eval(shell, "record Pair(int item, long pid) implements java.io.Serializable {}");
        eval(shell, "var pool = Pool.processes(2);");
        assertEquals("[3, 5, 7, 9]", value(shell, "pool.map(x -> twice(x), List.of(1, 2, 3, 4), 1)"));
        assertEquals("true", value(shell, "pool.map(x -> new Pair(x, ProcessHandle.current().pid()), List.of(1, 2, 3, 4), 1)"
            + ".stream().allMatch(p -> p.pid() != ProcessHandle.current().pid())"));
        eval(shell, "pool.close();");
      }
    });
  }

  @Test
  void snippetVariablesReachTheWorkersAndTheirNewValuesToo() {
    assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
      try (JShell shell = JShell.builder().executionEngine("local").build()) {
        shell.addToClasspath(classes());
        eval(shell, "import org.learnparallel.pool.*;");
        eval(shell, "import java.util.List;");
        eval(shell, "int base = 10;");
        eval(shell, "var words = List.of(\"a\", \"b\");");
        eval(shell, "var pool = Pool.processes(1);");
        assertEquals("[11, 12]", value(shell, "pool.map(x -> x + base, List.of(1, 2))"));
        eval(shell, "base = 20;");
        eval(shell, "words = List.of(\"c\");");
        assertEquals("[21c, 22c]", value(shell, "pool.map(x -> x + base + String.join(\"\", words), List.of(1, 2))"));
        eval(shell, "var thread = new Thread();");
        eval(shell, "String attempt() { try { return pool.map(x -> thread.getName(), List.of(1)).toString(); }"
            + " catch (TaskFailedException e) { return e.getCause().getMessage(); } }");
        String message = value(shell, "attempt()");
        assertTrue(message.startsWith("\"the notebook variable thread holds a java.lang.Thread, which is not Serializable"),
            message);
        eval(shell, "pool.close();");
      }
    });
  }

  /** A task on a worker process may make pools of its own: their workers get the snippet's classes too. */
  @Test
  void aWorkerProcessMayMakeItsOwnPools() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      try (JShell shell = JShell.builder().executionEngine("local").build()) {
        shell.addToClasspath(classes());
        eval(shell, "import org.learnparallel.pool.*;");
        eval(shell, "import java.util.List;");
        eval(shell, "int triple(int x) { return 3 * x; }");
        eval(shell, "var pool = Pool.processes(1);");
        assertEquals("[[3, 6], [3, 6]]", value(shell, "pool.map(x -> { try (Pool inner = x == 1 ? Pool.threads(2)"
            + " : Pool.processes(1)) { return inner.map(y -> triple(y), List.of(1, 2)); } }, List.of(1, 2), 1)"));
        eval(shell, "pool.close();");
      }
    });
  }

  private static String classes() throws URISyntaxException {
    return Path.of(Pool.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static void eval(JShell shell, String code) {
    for (SnippetEvent e : shell.eval(code)) {
      if (e.exception() != null) {
        throw new AssertionError(code + " threw", e.exception());
      }
      if (e.status() == Snippet.Status.REJECTED) {
        throw new AssertionError(code + " was rejected: " + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
      }
    }
  }

  private static String value(JShell shell, String expression) {
    List<SnippetEvent> events = shell.eval("var result = " + expression + ";");
    SnippetEvent last = events.get(events.size() - 1);
    if (last.exception() != null) {
      throw new AssertionError(expression + " threw", last.exception());
    }
    return shell.varValue((VarSnippet) shell.snippets().filter(VarSnippet.class::isInstance)
        .filter(s -> ((VarSnippet) s).name().equals("result")).reduce((a, b) -> b).orElseThrow());
  }
}
