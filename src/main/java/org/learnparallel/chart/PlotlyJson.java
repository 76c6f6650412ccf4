package org.learnparallel.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A tablesaw-jsplot {@link Figure} as Plotly JSON ({@code {"data": [...], "layout": {...}}}), the
 * form JupyterLab, VS Code and the static export draw offline (MIME type {@value Chart#PLOTLY_MIME}).
 *
 * <p>tablesaw-jsplot writes only JavaScript: its layout and each trace render, through its own
 * templates, as a JavaScript object literal. Those literals are read here with a lenient JSON parser
 * (single quotes, unquoted names, trailing commas), so every attribute tablesaw-jsplot knows comes
 * through without a second mapping of its classes. What its templates do that JSON must not is
 * undone: HTML escaping of strings ({@code &#39;}), numbers written as strings ({@code "1.0"},
 * {@code "NaN"}) and {@code title} as a plain string, which plotly.js 3 no longer reads.
 *
 * <pre>{@code
 * Table t = Table.create("squares", IntColumn.create("x", 1, 2, 3), IntColumn.create("y", 1, 4, 9));
 * Figure f = ScatterPlot.create("Squares", t, "x", "y");
 * PlotlyJson.of(f)          // maps and lists, for a display bundle
 * PlotlyJson.toJson(f)      // the same as a JSON string
 * }</pre>
 */
public final class PlotlyJson {

  private static final JsonMapper LENIENT = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
          JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
          JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
      .build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  // data arrays that tablesaw-jsplot writes as strings of numbers
  private static final Set<String> DATA_ARRAYS = Set.of("x", "y", "z", "open", "high", "low", "close");
  // scalars that its templates quote
  private static final Set<String> QUOTED_NUMBERS = Set.of("opacity", "dtick", "tick0", "nticks", "scaleratio");

  private PlotlyJson() {}

  /** The figure as plain maps, lists, strings, numbers and booleans (gaps as null). */
  public static Map<String, Object> of(Figure figure) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Object> data = new ArrayList<>();
    Trace[] traces = figure.getTraces();
    for (int i = 0; i < traces.length; i++) {
      data.add(clean(objectLiteral(traces[i].asJavascript(i)), ""));
    }
    out.put("data", data);
    out.put("layout", figure.getLayout() == null ? new LinkedHashMap<>()
        : clean(objectLiteral(figure.getLayout().asJavascript()), ""));
    return out;
  }

  /** The figure as a JSON string. */
  public static String toJson(Figure figure) {
    return toJson(of(figure));
  }

  static String toJson(Map<String, Object> plotly) {
    try {
      return LENIENT.writeValueAsString(plotly);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of plain values always serialize", e);
    }
  }

  static Map<String, Object> parse(String json) {
    try {
      return LENIENT.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON object: " + json, e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> layout(Map<String, Object> plotly) {
    return (Map<String, Object>) plotly.get("layout");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> traces(Map<String, Object> plotly) {
    return (List<Map<String, Object>>) plotly.get("data");
  }

  /**
   * Adds {@code extra} to {@code target}: maps merge, a null value removes the attribute, anything
   * else replaces it.
   */
  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> target, Map<String, Object> extra) {
    extra.forEach((k, v) -> {
      if (v == null) {
        target.remove(k);
      } else if (v instanceof Map<?, ?> && target.get(k) instanceof Map<?, ?>) {
        merge((Map<String, Object>) target.get(k), (Map<String, Object>) v);
      } else {
        target.put(k, v instanceof Map<?, ?> ? new LinkedHashMap<>((Map<String, Object>) v) : v);
      }
    });
  }

  // "var trace0 =\n{...};" -> the map of {...}
  private static Map<String, Object> objectLiteral(String javascript) {
    int start = javascript.indexOf('{');
    int end = javascript.lastIndexOf('}');
    try {
      return LENIENT.readValue(javascript.substring(start, end + 1), MAP);
    } catch (JsonProcessingException | IndexOutOfBoundsException e) {
      throw new IllegalStateException("tablesaw-jsplot wrote JavaScript that is not an object literal: " + javascript, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object clean(Object value, String key) {
    if (value instanceof Map<?, ?>) {
      Map<String, Object> in = (Map<String, Object>) value;
      Map<String, Object> out = new LinkedHashMap<>();
      in.forEach((k, v) -> {
        Object c = clean(v, k);
        if (k.equals("title") && c instanceof String) {
          c = new LinkedHashMap<>(Map.of("text", c)); // plotly.js 3 reads title.text only
        }
        if (k.equals("titlefont")) {
          out.computeIfAbsent("title", x -> new LinkedHashMap<String, Object>());
          ((Map<String, Object>) out.get("title")).put("font", c);
        } else if (k.equals("title") && out.get("title") instanceof Map<?, ?>) {
          ((Map<String, Object>) out.get("title")).putAll((Map<String, Object>) c);
        } else {
          out.put(k, c);
        }
      });
      return out;
    }
    if (value instanceof List<?>) {
      List<Object> out = new ArrayList<>();
      for (Object v : (List<?>) value) {
        out.add(DATA_ARRAYS.contains(key) ? number(clean(v, "")) : clean(v, ""));
      }
      return out;
    }
    if (value instanceof String) {
      String s = unescapeHtml((String) value);
      if (QUOTED_NUMBERS.contains(key)) {
        return number(s);
      }
      if (key.equals("visible") && (s.equals("true") || s.equals("false"))) {
        return Boolean.valueOf(s);
      }
      return s;
    }
    if (value instanceof Double && !Double.isFinite((Double) value)) {
      return null; // Plotly reads null as a gap; NaN would make the JSON invalid
    }
    return value;
  }

  // "1.0" -> 1.0, "NaN" and "Infinity" -> null (a gap); other strings (categories) stay
  private static Object number(Object value) {
    if (!(value instanceof String)) {
      return value;
    }
    String s = (String) value;
    if (NUMBER.matcher(s).matches()) {
      return Double.valueOf(s);
    }
    return s.equals("NaN") || s.endsWith("Infinity") ? null : s;
  }

  // tablesaw-jsplot's templates escape strings for HTML; JSON needs the text itself
  private static String unescapeHtml(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#34;", "\"")
        .replace("&#39;", "'").replace("&#x27;", "'").replace("&amp;", "&");
  }

  /** The values, null for each that is not finite: Plotly reads null as a gap, and NaN or Infinity would make the JSON invalid. */
  static List<Double> finite(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(Double.isFinite(v) ? v : null);
    }
    return out;
  }
}
