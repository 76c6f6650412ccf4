package org.learnparallel.kernel;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * What Shift+Tab shows: for the course library, its Javadoc (read at the first request from the
 * library's sources, {@value #SOURCES} beside this class's jar, which kernel-setup puts there; no
 * network; {@link #prepare} reads them ahead); for any method, the signatures JShell finds (JDK and notebook methods included). A
 * method's own comment is followed by its type's summary and example when it has no example itself.
 */
final class Javadocs {
  static final String SOURCES = "learn-parallel-sources.jar";

  /**
   * The dotted name under the cursor: {@code Pool.threads}, {@code pool.map}, {@code Pool}; also
   * the method whose parentheses the cursor follows (JupyterLab's completer asks about
   * {@code Pool.threads(} when that completion is selected).
   */
  record Target(String expression, String member) {}

  private record Doc(String signature, String text) {}

  private static final class TypeDoc {
    final Doc doc;
    final Map<String, List<Doc>> members = new HashMap<>();

    TypeDoc(Doc doc) {
      this.doc = doc;
    }
  }

  private Map<String, TypeDoc> types; // by simple name; built at the first inspect

  static Target target(String code, int at) {
    int end = Math.min(Math.max(at, 0), code.length());
    // just inside or after a call, "Pool.threads(|" or "Pool.builder()|": the method called
    if (end >= 2 && code.startsWith("()", end - 2)) {
      end -= 2;
    } else if (end >= 1 && code.charAt(end - 1) == '(') {
      end -= 1;
    }
    while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
      end++;
    }
    int start = end;
    while (start > 0 && (Character.isJavaIdentifierPart(code.charAt(start - 1)) || code.charAt(start - 1) == '.')) {
      start--;
    }
    String expression = code.substring(start, end).replaceAll("^\\.+|\\.+$", "");
    if (expression.isEmpty() || !Character.isJavaIdentifierStart(expression.charAt(0))) {
      return null;
    }
    String last = expression.substring(expression.lastIndexOf('.') + 1);
    boolean type = Character.isUpperCase(last.charAt(0));
    return new Target(expression, type ? null : last);
  }

  DisplayData describe(Target target, List<SourceCodeAnalysis.Documentation> signatures) {
    Map<String, TypeDoc> index = index();
    StringBuilder md = new StringBuilder();
    String typeName = null;
    boolean example = false;
    for (SourceCodeAnalysis.Documentation d : signatures) {
      String signature = d.signature();
      md.append("```java\n").append(signature).append("\n```\n\n");
      Matcher m = Pattern.compile("([A-Za-z_$][\\w$]*)\\.([A-Za-z_$][\\w$]*)\\(").matcher(signature);
      String type = null;
      String method = null;
      while (m.find()) {
        type = m.group(1);
        method = m.group(2);
      }
      TypeDoc td = type == null ? null : index.get(type);
      Doc doc = td == null ? null : overload(td.members.get(method), parameters(signature));
      if (doc != null && doc.text != null) {
        md.append(doc.text).append("\n\n");
        typeName = type;
        example |= doc.text.contains("```");
      }
    }
    if (signatures.isEmpty()) {
      String last = target.expression().substring(target.expression().lastIndexOf('.') + 1);
      TypeDoc td = index.get(last);
      if (target.member() != null || td == null) {
        return null;
      }
      md.append("```java\n").append(td.doc.signature).append("\n```\n\n").append(text(td.doc));
    } else if (typeName != null && !example) {
      TypeDoc td = index.get(typeName);
      md.append("---\n\n*").append(typeName).append("*: ").append(text(td.doc));
    }
    DisplayData out = new DisplayData(md.toString().replace("```java\n", "").replace("```\n", "")
        .replace("---\n", "").trim());
    out.putMarkdown(md.toString().trim());
    return out;
  }

  private static String text(Doc doc) {
    return doc.text == null ? "" : doc.text;
  }

  /** The overload with that many parameters, else the first. */
  private static Doc overload(List<Doc> docs, int parameters) {
    if (docs == null || docs.isEmpty()) {
      return null;
    }
    for (Doc d : docs) {
      if (parameters(d.signature) == parameters) {
        return d;
      }
    }
    return docs.get(0);
  }

  /** Top-level commas between the parentheses of a signature, plus one (zero for {@code ()}). */
  static int parameters(String signature) {
    int open = signature.indexOf('(');
    int close = signature.lastIndexOf(')');
    if (open < 0 || close <= open + 1 || signature.substring(open + 1, close).isBlank()) {
      return 0;
    }
    int depth = 0;
    int count = 1;
    for (char c : signature.substring(open + 1, close).toCharArray()) {
      if (c == '<') depth++;
      else if (c == '>') depth--;
      else if (c == ',' && depth == 0) count++;
    }
    return count;
  }

  void prepare() {
    index();
  }

  private synchronized Map<String, TypeDoc> index() {
    if (types == null) {
      types = new HashMap<>();
      try {
        // "jar:file:/.../course-kernel.jar!/org/...": the class's own resource, since its code source has no
        // location when the class comes from the kernel's AOT cache (kernel-setup/setup)
        String self = Javadocs.class.getResource("Javadocs.class").toString();
        Path jar = Path.of(URI.create(self.substring("jar:".length(), self.indexOf("!/")))).resolveSibling(SOURCES);
        if (Files.isReadable(jar)) {
          parse(read(jar));
        }
      } catch (Exception | LinkageError e) {
        System.err.println("course kernel: no library Javadoc for Shift+Tab: " + e);
      }
    }
    return types;
  }

  private static List<JavaFileObject> read(Path jar) throws IOException {
    List<JavaFileObject> files = new ArrayList<>();
    try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().endsWith(".java") && !e.getName().endsWith("package-info.java")) {
          String source = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
          files.add(new SimpleJavaFileObject(URI.create("string:///" + e.getName()), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return source;
            }
          });
        }
      }
    }
    return files;
  }

  private void parse(List<JavaFileObject> files) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, files);
    DocTrees trees = DocTrees.instance(task);
    for (CompilationUnitTree unit : task.parse()) {
      String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
      new TreePathScanner<Void, TypeDoc>() {
        @Override
        public Void visitClass(ClassTree node, TypeDoc outer) {
          if (node.getModifiers().getFlags().contains(Modifier.PRIVATE)) {
            return null;
          }
          String kind = switch (node.getKind()) {
            case INTERFACE -> "interface";
            case ENUM -> "enum";
            case RECORD -> "record";
            case ANNOTATION_TYPE -> "@interface";
            default -> "class";
          };
          String name = node.getSimpleName().toString();
          TypeDoc type = new TypeDoc(new Doc(kind + " " + pkg + name, doc(trees.getDocCommentTree(getCurrentPath()))));
          types.putIfAbsent(name, type);
          return super.visitClass(node, type);
        }

        @Override
        public Void visitMethod(MethodTree node, TypeDoc type) {
          if (type != null && !node.getModifiers().getFlags().contains(Modifier.PRIVATE)) {
            String params = node.getParameters().stream()
                .map(p -> p.getType() + " " + p.getName()).collect(Collectors.joining(", "));
            Tree returns = node.getReturnType();
            String signature = (returns == null ? "" : returns + " ") + node.getName() + "(" + params + ")";
            type.members.computeIfAbsent(node.getName().toString(), k -> new ArrayList<>())
                .add(new Doc(signature, doc(trees.getDocCommentTree(getCurrentPath()))));
          }
          return null; // bodies hold no API
        }
      }.scan(unit, null);
    }
  }

  private static String doc(DocCommentTree comment) {
    if (comment == null) {
      return null;
    }
    return JavadocText.markdown(comment.getFullBody().stream().map(Object::toString).collect(Collectors.joining()));
  }
}
