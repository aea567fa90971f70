package io.esteira.core.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
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

/**
 * Package dependencies of compiled classes, as the JDK's {@code jdeps} reports them, and the cycles
 * among them. Shared through the engine's test jar so every module can check its own packages.
 *
 * <p>Typical use, in a module's tests: {@code PackageCycles.assertNone("io.esteira",
 * PackageCycles.classRoot(SomeMainClass.class))}. A class root is a class directory or a jar;
 * several roots are read as one graph, so a cycle that runs through two modules is found too.
 */
public final class PackageCycles {

  // jdeps -verbose:package prints "   <from package>  ->  <to package>  <where it was found>".
  private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+.*$");

  private PackageCycles() {}

  /** The class directory or jar that {@code type} was loaded from. */
  public static Path classRoot(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("no class root for " + type.getName(), e);
    }
  }

  /**
   * Package to the packages it uses, for the packages whose names start with {@code prefix} (and
   * their uses of such packages only), from the classes under {@code roots}. Sorted.
   */
  public static Map<String, Set<String>> dependencies(String prefix, Path... roots) {
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps")
            .orElseThrow(() -> new IllegalStateException("jdeps is not in this JDK"));
    List<String> args = new ArrayList<>(List.of("-verbose:package", "-filter:none"));
    args.add("--multi-release");
    args.add(Integer.toString(Runtime.version().feature()));
    for (Path root : roots) {
      args.add(root.toString());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        jdeps.run(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("jdeps " + args + " failed (" + status + "): " + err + out);
    }
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String line : out.toString().split("\\R")) {
      Matcher edge = EDGE.matcher(line);
      if (!edge.matches()) {
        continue;
      }
      String from = edge.group(1);
      String to = edge.group(2);
      if (inside(from, prefix)) {
        Set<String> uses = graph.computeIfAbsent(from, p -> new TreeSet<>());
        if (inside(to, prefix) && !to.equals(from)) {
          uses.add(to);
        }
      }
    }
    return graph;
  }

  private static boolean inside(String packageName, String prefix) {
    return packageName.equals(prefix) || packageName.startsWith(prefix + ".");
  }

  /**
   * The cycles of a package graph: each strongly connected group of two or more packages, sorted,
   * the groups ordered by their first package. Empty when the graph has no cycle.
   */
  public static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    return new Tarjan(graph).run();
  }

  /**
   * Fails, listing each cycle with the dependencies that form it, when the packages whose names
   * start with {@code prefix} in {@code roots} depend on each other in a circle.
   */
  public static void assertNone(String prefix, Path... roots) {
    Map<String, Set<String>> graph = dependencies(prefix, roots);
    List<Set<String>> cycles = cycles(graph);
    if (cycles.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder("package cycles among " + prefix + ".*:\n");
    for (Set<String> cycle : cycles) {
      message.append("  ").append(cycle).append('\n');
      for (String from : cycle) {
        for (String to : graph.getOrDefault(from, Set.of())) {
          if (cycle.contains(to)) {
            message.append("    ").append(from).append(" -> ").append(to).append('\n');
          }
        }
      }
    }
    throw new AssertionError(message.toString());
  }

  /**
   * Tarjan's strongly connected components; a module has tens of packages, so recursion is fine.
   */
  private static final class Tarjan {
    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<Set<String>> found = new ArrayList<>();

    Tarjan(Map<String, Set<String>> graph) {
      this.graph = graph;
    }

    List<Set<String>> run() {
      Set<String> nodes = new TreeSet<>(graph.keySet());
      graph.values().forEach(nodes::addAll);
      for (String node : nodes) {
        if (!index.containsKey(node)) {
          visit(node);
        }
      }
      found.sort((a, b) -> a.iterator().next().compareTo(b.iterator().next()));
      return found;
    }

    private void visit(String node) {
      index.put(node, index.size());
      low.put(node, index.get(node));
      stack.push(node);
      onStack.add(node);
      for (String target : graph.getOrDefault(node, Set.of())) {
        if (!index.containsKey(target)) {
          visit(target);
          low.put(node, Math.min(low.get(node), low.get(target)));
        } else if (onStack.contains(target)) {
          low.put(node, Math.min(low.get(node), index.get(target)));
        }
      }
      if (low.get(node).equals(index.get(node))) {
        Set<String> component = new TreeSet<>();
        String member;
        do {
          member = stack.pop();
          onStack.remove(member);
          component.add(member);
        } while (!member.equals(node));
        if (component.size() > 1) {
          found.add(component);
        }
      }
    }
  }
}
