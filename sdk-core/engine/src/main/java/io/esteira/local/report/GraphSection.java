package io.esteira.local.report;

import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.StepRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The step graph of the report, drawn on the page without a script or a network: the steps in
 * layers from the top (a step one layer below the lowest step it depends on, as Mermaid's {@code
 * flowchart TD} of {@code pipeline.mmd} places them), each box coloured by the step's status and
 * linking to its rows in the table, an arrow per dependency. Within a layer steps keep their
 * declaration order, then move towards the steps they depend on (one pass, by the mean position of
 * those), which untangles the common fan-in and fan-out shapes. The Mermaid text follows in a
 * collapsed block, to paste where Mermaid renders.
 */
final class GraphSection {

  static final double NODE_WIDTH = 180;
  static final double NODE_HEIGHT = 44;
  static final double GAP_X = 28;
  static final double GAP_Y = 40;
  static final double MARGIN = 8;
  static final double ARROW = 8;

  /** Step names longer than this are cut, with the whole name in the box's tooltip. */
  static final int MAX_NAME = 22;

  private GraphSection() {}

  /** Where a step's box is: its layer and its place within the layer. */
  record Place(int layer, int index) {}

  static void render(StringBuilder html, RunRecord record, String mermaid) {
    if (record.steps().isEmpty()) {
      return;
    }
    Map<String, StepRecord> steps = new LinkedHashMap<>();
    record.steps().forEach(s -> steps.put(s.id(), s));
    List<List<String>> layers = layers(record);
    Map<String, Place> places = places(layers);
    int widest = layers.stream().mapToInt(List::size).max().orElse(1);
    double width = 2 * MARGIN + widest * NODE_WIDTH + (widest - 1) * GAP_X;
    double height = 2 * MARGIN + layers.size() * NODE_HEIGHT + (layers.size() - 1) * GAP_Y;
    html.append("<h2>Step graph</h2>\n<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\"")
        .append(" width=\"")
        .append(Html.num(width))
        .append("\" height=\"")
        .append(Html.num(height))
        .append("\" viewBox=\"0 0 ")
        .append(Html.num(width))
        .append(' ')
        .append(Html.num(height))
        .append("\" role=\"img\" aria-label=\"the steps and what each depends on\">\n");
    for (StepRecord step : record.steps()) {
      for (String dependency : step.dependsOn()) {
        Place from = places.get(dependency);
        if (from == null) {
          continue;
        }
        Place to = places.get(step.id());
        double x1 = x(from, layers, widest) + NODE_WIDTH / 2;
        double y1 = y(from) + NODE_HEIGHT;
        double x2 = x(to, layers, widest) + NODE_WIDTH / 2;
        double y2 = y(to);
        double bend = (y2 - y1) / 2;
        html.append("<path class=\"edge\" data-from=\"")
            .append(Html.attribute(dependency))
            .append("\" data-to=\"")
            .append(Html.attribute(step.id()))
            .append("\" d=\"M ")
            .append(Html.num(x1))
            .append(' ')
            .append(Html.num(y1))
            .append(" C ")
            .append(Html.num(x1))
            .append(' ')
            .append(Html.num(y1 + bend))
            .append(' ')
            .append(Html.num(x2))
            .append(' ')
            .append(Html.num(y2 - bend))
            .append(' ')
            .append(Html.num(x2))
            .append(' ')
            .append(Html.num(y2 - ARROW))
            .append("\"/>\n<path class=\"arrowhead\" d=\"M ")
            // The curve ends going straight down, so the head points down at the box's top.
            .append(Html.num(x2 - ARROW / 2))
            .append(' ')
            .append(Html.num(y2 - ARROW))
            .append(" L ")
            .append(Html.num(x2 + ARROW / 2))
            .append(' ')
            .append(Html.num(y2 - ARROW))
            .append(" L ")
            .append(Html.num(x2))
            .append(' ')
            .append(Html.num(y2))
            .append(" Z\"/>\n");
      }
    }
    for (StepRecord step : record.steps()) {
      Place place = places.get(step.id());
      double x = x(place, layers, widest);
      double y = y(place);
      String status = Html.statusClass(step.status().name());
      html.append("<a href=\"#")
          .append(Html.attribute(HtmlReport.anchor(step.id())))
          .append("\"><g class=\"node\" data-step=\"")
          .append(Html.attribute(step.id()))
          .append("\" data-layer=\"")
          .append(place.layer())
          .append("\"><title>")
          .append(Html.text(step.name() + " (" + step.id() + "): " + status.replace('-', ' ')))
          .append("</title><rect class=\"node-box ")
          .append(status)
          .append("\" x=\"")
          .append(Html.num(x))
          .append("\" y=\"")
          .append(Html.num(y))
          .append("\" width=\"")
          .append(Html.num(NODE_WIDTH))
          .append("\" height=\"")
          .append(Html.num(NODE_HEIGHT))
          .append("\" rx=\"6\"/><text class=\"node-name\" x=\"")
          .append(Html.num(x + NODE_WIDTH / 2))
          .append("\" y=\"")
          .append(Html.num(y + 19))
          .append("\">")
          .append(Html.text(cut(step.name())))
          .append("</text><text class=\"node-status\" x=\"")
          .append(Html.num(x + NODE_WIDTH / 2))
          .append("\" y=\"")
          .append(Html.num(y + 35))
          .append("\">")
          .append(status.replace('-', ' ').toLowerCase(Locale.ROOT))
          .append("</text></g></a>\n");
    }
    html.append("</svg>\n");
    if (mermaid != null && !mermaid.isBlank()) {
      html.append("<details class=\"mermaid\"><summary>The graph as Mermaid text")
          .append(" (<code>pipeline.mmd</code>)</summary>\n<pre>")
          .append(Html.text(mermaid.stripTrailing()))
          .append("</pre>\n</details>\n");
    }
  }

  private static String cut(String name) {
    return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME - 1) + "\u2026";
  }

  private static double x(Place place, List<List<String>> layers, int widest) {
    return centre(layers.get(place.layer()).size(), place.index(), widest) - NODE_WIDTH / 2;
  }

  /** The middle of box {@code index} of a layer of {@code count}, centred under the widest. */
  private static double centre(int count, int index, int widest) {
    double offset = (widest - count) * (NODE_WIDTH + GAP_X) / 2;
    return MARGIN + offset + index * (NODE_WIDTH + GAP_X) + NODE_WIDTH / 2;
  }

  private static double y(Place place) {
    return MARGIN + place.layer() * (NODE_HEIGHT + GAP_Y);
  }

  /**
   * The steps by layer: a step without dependencies in layer 0, any other one below the lowest of
   * its dependencies. A dependency on a step the record does not have is ignored; a cycle (which no
   * valid pipeline has) is cut where it is found.
   */
  static List<List<String>> layers(RunRecord record) {
    Map<String, StepRecord> steps = new LinkedHashMap<>();
    record.steps().forEach(s -> steps.put(s.id(), s));
    Map<String, Integer> layer = new HashMap<>();
    for (String id : steps.keySet()) {
      layer(id, steps, layer, new HashSet<>());
    }
    int count = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    List<List<String>> layers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      layers.add(new ArrayList<>());
    }
    steps.keySet().forEach(id -> layers.get(layer.get(id)).add(id));
    // Towards what each step depends on: by the mean centre of its dependencies, declaration
    // order breaking ties (the sort is stable).
    int widest = layers.stream().mapToInt(List::size).max().orElse(1);
    Map<String, Double> centre = new HashMap<>();
    for (List<String> row : layers) {
      Map<String, Double> mean = new HashMap<>();
      for (int i = 0; i < row.size(); i++) {
        String id = row.get(i);
        double own = centre(row.size(), i, widest);
        mean.put(
            id,
            steps.get(id).dependsOn().stream()
                .filter(centre::containsKey)
                .mapToDouble(centre::get)
                .average()
                .orElse(own));
      }
      row.sort(Comparator.comparingDouble(mean::get));
      for (int i = 0; i < row.size(); i++) {
        centre.put(row.get(i), centre(row.size(), i, widest));
      }
    }
    return layers;
  }

  private static int layer(
      String id, Map<String, StepRecord> steps, Map<String, Integer> layer, Set<String> path) {
    Integer known = layer.get(id);
    if (known != null) {
      return known;
    }
    if (!path.add(id)) {
      return -1; // A cycle: this edge does not count.
    }
    int below = 0;
    for (String dependency : steps.get(id).dependsOn()) {
      if (steps.containsKey(dependency)) {
        below = Math.max(below, layer(dependency, steps, layer, path) + 1);
      }
    }
    path.remove(id);
    layer.put(id, below);
    return below;
  }

  /** Each step's place; for tests and for drawing. */
  static Map<String, Place> places(List<List<String>> layers) {
    Map<String, Place> places = new LinkedHashMap<>();
    for (int l = 0; l < layers.size(); l++) {
      for (int i = 0; i < layers.get(l).size(); i++) {
        places.put(layers.get(l).get(i), new Place(l, i));
      }
    }
    return places;
  }
}
