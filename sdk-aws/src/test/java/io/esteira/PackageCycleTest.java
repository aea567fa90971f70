package io.esteira;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No two of sdk-aws's packages depend on each other, directly or through others: a package can then
 * be read, tested and moved with only what is below it. The dependencies are those of the compiled
 * main classes, as the JDK's {@code jdeps} reports them.
 */
class PackageCycleTest {

  private static final Path CLASSES = Path.of("target", "classes");
  private static final Pattern EDGE =
      Pattern.compile("^\\s*(io\\.esteira[\\w.]*)\\s+->\\s+(io\\.esteira[\\w.]*)\\s");

  @Test
  void mainPackagesFormNoCycle() {
    Map<String, Set<String>> graph = dependencies();

    assertThat(graph).as("jdeps found no io.esteira package in %s", CLASSES).isNotEmpty();
    assertThat(cycles(graph)).isEmpty();
  }

  @Test
  void theCheckFindsACycle() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", Set.of("b"));
    graph.put("b", Set.of("c"));
    graph.put("c", Set.of("a"));
    graph.put("d", Set.of("a"));

    assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
  }

  /** Package to the packages it uses, both in this module's classes. */
  private static Map<String, Set<String>> dependencies() {
    assertThat(Files.isDirectory(CLASSES)).as("compiled main classes in %s", CLASSES).isTrue();
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "--multi-release",
            "17",
            "-verbose:package",
            CLASSES.toString());
    assertThat(status).as(err.toString()).isZero();
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      Matcher m = EDGE.matcher(line);
      if (m.find()) {
        graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
      }
    }
    // Only packages of this module: a package of sdk-core is below all of them.
    graph.values().forEach(uses -> uses.retainAll(graph.keySet()));
    return graph;
  }

  /** Each group of packages that reach each other (Tarjan), sorted; none when acyclic. */
  static List<List<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> groups = new ArrayList<>();
    for (String node : graph.keySet()) {
      if (!index.containsKey(node)) {
        visit(node, graph, index, low, stack, onStack, groups);
      }
    }
    return groups;
  }

  private static void visit(
      String node,
      Map<String, Set<String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<List<String>> groups) {
    index.put(node, index.size());
    low.put(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      if (next.equals(node)) {
        continue;
      }
      if (!index.containsKey(next)) {
        visit(next, graph, index, low, stack, onStack, groups);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      Set<String> group = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        group.add(member);
      } while (!member.equals(node));
      if (group.size() > 1) {
        groups.add(List.copyOf(group));
      }
    }
  }
}
