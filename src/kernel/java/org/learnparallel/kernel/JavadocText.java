package org.learnparallel.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Javadoc source ({@code {@code x}}, {@code <pre>}, {@code <p>}...) as Markdown, for tooltips. */
final class JavadocText {
  private static final Pattern CODE_BLOCK = Pattern.compile("<pre>\\s*\\{@code\\s?(.*?)\\}\\s*</pre>", Pattern.DOTALL);

  private JavadocText() {}

  static String markdown(String javadoc) {
    StringBuilder out = new StringBuilder();
    Matcher m = CODE_BLOCK.matcher(javadoc);
    int last = 0;
    while (m.find()) {
      out.append(prose(javadoc.substring(last, m.start())));
      out.append("\n\n```java\n").append(dedent(m.group(1))).append("\n```\n\n");
      last = m.end();
    }
    out.append(prose(javadoc.substring(last)));
    return out.toString().replaceAll("\n{3,}", "\n\n").trim();
  }

  private static String dedent(String code) {
    String[] lines = code.replaceAll("^\\s*\n|\\s+$", "").split("\n", -1);
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(Math.min(indent, line.length()))).append('\n');
    }
    return unescape(out.toString().stripTrailing());
  }

  private static String prose(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int tag = text.indexOf("{@", i);
      if (tag < 0) {
        out.append(html(text.substring(i)));
        break;
      }
      out.append(html(text.substring(i, tag)));
      int depth = 0;
      int end = tag;
      for (; end < text.length(); end++) {
        char c = text.charAt(end);
        if (c == '{') depth++;
        else if (c == '}' && --depth == 0) break;
      }
      String inner = text.substring(tag + 2, Math.min(end, text.length()));
      String[] parts = inner.split("\\s+", 2);
      String body = parts.length > 1 ? parts[1].trim() : "";
      out.append(switch (parts[0]) {
        case "code", "literal" -> "`" + body + "`";
        case "link", "linkplain" -> {
          String[] refLabel = body.split("\\s+(?![^(]*\\))", 2);
          yield refLabel.length > 1 ? refLabel[1] : "`" + refLabel[0].replaceFirst("^#", "").replace('#', '.') + "`";
        }
        default -> body;
      });
      i = end + 1;
    }
    return out.toString();
  }

  private static String html(String text) {
    return unescape(text
        .replaceAll("(?i)<p>", "\n\n")
        .replaceAll("(?i)</?(b|strong)>", "**")
        .replaceAll("(?i)</?(i|em)>", "*")
        .replaceAll("(?i)<li>", "\n- ")
        .replaceAll("<[^>]+>", ""));
  }

  private static String unescape(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&#64;", "@").replace("&quot;", "\"")
        .replace("&amp;", "&");
  }
}
