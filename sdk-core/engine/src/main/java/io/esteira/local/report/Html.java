package io.esteira.local.report;

import io.esteira.local.RunRecord.AttemptRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Escaping, number formatting and the style sheet of {@link HtmlReport}. */
final class Html {

  private Html() {}

  /**
   * Colours by outcome (and by run or step status, which share the names), then layout. Colours are
   * chosen to be told apart by people with the common forms of colour blindness.
   */
  static final String STYLE =
      """
      body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1b1f24; }
      h1 { font-size: 20px; margin: 0 0 4px; }
      .env { color: #57606a; font-weight: normal; }
      .meta { color: #57606a; margin: 0 0 16px; }
      code { font: 13px ui-monospace, monospace; }
      .status { font-size: 12px; padding: 1px 6px; border-radius: 8px; color: #fff;
        background: #6e7781; font-weight: 600; }
      .succeeded, .reused { background: #1a7f37; fill: #1a7f37; }
      .failed { background: #cf222e; fill: #cf222e; }
      .timed-out { background: #bc4c00; fill: #bc4c00; }
      .cancelled, .skipped, .pending { background: #6e7781; fill: #6e7781; }
      .running { background: #0969da; fill: #0969da; }
      svg.gantt { display: block; margin: 0 0 20px; }
      .bar { stroke-width: 1; stroke: #1b1f24; stroke-opacity: 0.25; }
      .grid { stroke: #d0d7de; stroke-width: 1; }
      .wait { stroke: #6e7781; stroke-width: 1.5; stroke-dasharray: 3 3; }
      .tick { font-size: 11px; fill: #57606a; text-anchor: middle; }
      .label { font-size: 13px; fill: #1b1f24; text-anchor: end; }
      .note { font-size: 12px; fill: #57606a; font-style: italic; }
      table { border-collapse: collapse; }
      th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid #d0d7de;
        vertical-align: top; }
      th { font-weight: 600; }
      h2 { font-size: 16px; margin: 28px 0 8px; }
      h3 { font-size: 14px; margin: 16px 0 6px; }
      .since { color: #57606a; }
      td time, .since { white-space: nowrap; }
      td.value { font-variant-numeric: tabular-nums; }
      svg.graph { display: block; max-width: 100%; height: auto; }
      .node-box { stroke: #1b1f24; stroke-opacity: 0.25; }
      .node-name { font-size: 13px; font-weight: 600; fill: #fff; text-anchor: middle; }
      .node-status { font-size: 11px; fill: #fff; text-anchor: middle; }
      .edge { fill: none; stroke: #57606a; stroke-width: 1.5; }
      .arrowhead { fill: #57606a; }
      details.mermaid { margin: 8px 0 0; }
      details.mermaid pre { background: #f6f8fa; padding: 8px 12px; overflow-x: auto; }
      """;

  /** Text content: {@code & < >} escaped, and quotes too, so it is safe in attributes as well. */
  static String text(String raw) {
    StringBuilder out = new StringBuilder(raw.length() + 16);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String attribute(String raw) {
    return text(raw);
  }

  /** A coordinate with two decimals, always with a dot. */
  static String num(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /** A relative link to a log: each path segment percent-encoded, {@code /} between them. */
  static String href(String log) {
    return Stream.of(log.replace('\\', '/').split("/"))
        .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(Collectors.joining("/"));
  }

  /** {@code succeeded}, {@code failed}, {@code timed-out}, {@code cancelled} or {@code running}. */
  static String outcome(AttemptRecord attempt) {
    return attempt.outcome() == null ? "running" : statusClass(attempt.outcome().name());
  }

  /** An enum constant as a CSS class: {@code TIMED_OUT} is {@code timed-out}. */
  static String statusClass(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
