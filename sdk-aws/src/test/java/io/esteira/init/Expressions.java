package io.esteira.init;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few forms of GitHub Actions expressions the team workflows use, evaluated as Actions does:
 * context paths ({@code github.ref_name}, {@code vars.X}, {@code steps.plan.outputs.body}), string
 * literals, {@code == != && || !}, parentheses and {@code always() success() failure()}. {@code &&}
 * and {@code ||} give one of their operands, not a boolean (so {@code a && 'x' || 'y'} picks), and
 * {@code ==} compares strings ignoring case. Anything else (another function, a number, an index)
 * fails the test: a workflow the harness cannot read exactly is not one it has run.
 */
final class Expressions {

  private static final Pattern INLINE = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final Pattern TOKEN =
      Pattern.compile(
          "\\s*(?:(?<str>'(?:[^']|'')*')|(?<op>==|!=|&&|\\|\\||!|\\(|\\))"
              + "|(?<path>[A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z_][A-Za-z0-9_-]*)*))");

  /** What an expression can read, and whether an earlier step of the job failed. */
  record Context(Map<String, Object> contexts, boolean failed) {}

  private final List<String> tokens;
  private final Context context;
  private int next;

  private Expressions(List<String> tokens, Context context) {
    this.tokens = tokens;
    this.context = context;
  }

  /** {@code text} with each {@code ${{ expression }}} replaced by its value as a string. */
  static String interpolate(String text, Context context) {
    Matcher matcher = INLINE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(string(evaluate(matcher.group(1), context))));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** An {@code if:}: a bare expression or one in {@code ${{ }}}, with Actions' default check. */
  static boolean condition(Object condition, Context context) {
    if (condition == null) {
      return !context.failed();
    }
    String text = String.valueOf(condition).strip();
    if (text.startsWith("${{") && text.endsWith("}}")) {
      text = text.substring(3, text.length() - 2);
    }
    boolean statusFunction = text.matches(".*\\b(always|success|failure|cancelled)\\(\\).*");
    boolean value = truthy(evaluate(text, context));
    // Without a status function, Actions checks success() first.
    return statusFunction ? value : value && !context.failed();
  }

  static Object evaluate(String expression, Context context) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(expression);
    int at = 0;
    while (at < expression.length()) {
      if (expression.substring(at).isBlank()) {
        break;
      }
      if (!matcher.find(at) || matcher.start() != at) {
        throw new AssertionError(
            "the harness cannot read the expression '" + expression + "' at " + at);
      }
      tokens.add(matcher.group().strip());
      at = matcher.end();
    }
    Expressions parser = new Expressions(tokens, context);
    Object value = parser.or();
    if (parser.next != tokens.size()) {
      throw new AssertionError("the harness cannot read the expression '" + expression + "'");
    }
    return value;
  }

  private Object or() {
    Object left = and();
    while (accept("||")) {
      Object right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  }

  private Object and() {
    Object left = equality();
    while (accept("&&")) {
      Object right = equality();
      left = truthy(left) ? right : left;
    }
    return left;
  }

  private Object equality() {
    Object left = unary();
    while (true) {
      if (accept("==")) {
        left = same(left, unary());
      } else if (accept("!=")) {
        left = !same(left, unary());
      } else {
        return left;
      }
    }
  }

  private Object unary() {
    if (accept("!")) {
      return !truthy(unary());
    }
    return primary();
  }

  private Object primary() {
    if (next >= tokens.size()) {
      throw new AssertionError("an expression ends early: " + tokens);
    }
    String token = tokens.get(next++);
    if (token.equals("(")) {
      Object value = or();
      expect(")");
      return value;
    }
    if (token.startsWith("'")) {
      return token.substring(1, token.length() - 1).replace("''", "'");
    }
    if (accept("(")) {
      expect(")");
      return switch (token) {
        case "always" -> true;
        case "success" -> !context.failed();
        case "failure" -> context.failed();
        default -> throw new AssertionError("the harness has no function " + token + "()");
      };
    }
    if (token.equals("true") || token.equals("false")) {
      return Boolean.parseBoolean(token);
    }
    if (token.equals("null")) {
      return null;
    }
    if (!Character.isLetter(token.charAt(0)) && token.charAt(0) != '_') {
      throw new AssertionError("the harness cannot read '" + token + "' in " + tokens);
    }
    Object value = context.contexts();
    for (String key : token.split("\\.")) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(key);
    }
    if (!context.contexts().containsKey(token.split("\\.")[0])) {
      throw new AssertionError("the harness has no context " + token.split("\\.")[0]);
    }
    return value;
  }

  private boolean accept(String token) {
    if (next < tokens.size() && tokens.get(next).equals(token)) {
      next++;
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw new AssertionError("expected '" + token + "' in " + tokens);
    }
  }

  private static boolean same(Object left, Object right) {
    if (left instanceof String a && right instanceof String b) {
      return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
    if (left == null || right == null) {
      // null equals '' as Actions coerces it.
      return string(left).isEmpty() && string(right).isEmpty();
    }
    return left.equals(right);
  }

  static boolean truthy(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      return !s.isEmpty();
    }
    return true;
  }

  static String string(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
