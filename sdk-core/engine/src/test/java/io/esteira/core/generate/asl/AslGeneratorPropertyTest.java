package io.esteira.core.generate.asl;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.generate.Generated;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.TestModels;
import io.esteira.diagnostics.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random dependency graphs in, generated state machines checked as Step Functions would run them:
 * every declared dependency holds, and every wait beyond the declared ones was reported.
 */
class AslGeneratorPropertyTest {

  /** A DAG of 1 to 30 steps; each edge goes from an earlier step to a later one. */
  @Provide
  Arbitrary<Map<String, List<String>>> dags() {
    return Arbitraries.integers()
        .between(1, 30)
        .flatMap(
            n ->
                Arbitraries.integers()
                    .between(1, 99)
                    .flatMap(
                        density ->
                            Arbitraries.frequency(
                                    Tuple.of(density, true), Tuple.of(100 - density, false))
                                .list()
                                .ofSize(n * (n - 1) / 2)
                                .map(edges -> graph(n, edges))));
  }

  private static Map<String, List<String>> graph(int n, List<Boolean> edges) {
    Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    int edge = 0;
    for (int later = 0; later < n; later++) {
      List<String> deps = new ArrayList<>();
      for (int earlier = 0; earlier < later; earlier++) {
        if (edges.get(edge++)) {
          deps.add(id(earlier));
        }
      }
      dependsOn.put(id(later), deps);
    }
    return dependsOn;
  }

  private static String id(int index) {
    return "s" + index;
  }

  @Property(tries = 400)
  void generatedControlFlowIsTheDeclaredOrderPlusTheReportedWaits(
      @ForAll("dags") Map<String, List<String>> dependsOn) {
    Generated generated = AslGenerator.generate(model(dependsOn));

    assertThat(generated.hasErrors()).as("%s", generated.diagnostics()).isFalse();
    assertThat(AslAnalysis.problems(generated.json())).isEmpty();

    Map<String, Set<String>> before = AslAnalysis.guaranteedBefore(generated.json());
    assertThat(before).containsOnlyKeys(dependsOn.keySet());
    Map<String, Set<String>> declared = AslAnalysis.closure(dependsOn);
    for (String step : dependsOn.keySet()) {
      assertThat(before.get(step))
          .as("declared dependencies of %s", step)
          .containsAll(dependsOn.get(step));
    }

    Map<String, List<String>> withWaits = new HashMap<>();
    dependsOn.forEach((step, deps) -> withWaits.put(step, new ArrayList<>(deps)));
    for (Diagnostic warning : generated.diagnostics()) {
      assertThat(warning.code()).isEqualTo("ESTEIRA-ASL-ADDED-WAIT");
      // The arguments are (step, waits for, waits for, step): the text repeats them in its remedy.
      List<Object> args = warning.args();
      assertThat(args).as(warning.text()).hasSize(4);
      String step = (String) args.get(0);
      String waitsFor = (String) args.get(1);
      assertThat(args.subList(2, 4)).containsExactly(waitsFor, step);
      assertThat(dependsOn).containsKeys(step, waitsFor);
      assertThat(declared.get(step))
          .as("a reported wait is not declared already")
          .doesNotContain(waitsFor);
      withWaits.get(step).add(waitsFor);
    }
    // Nothing runs in order unless declared or reported: the flow is exactly that closure.
    assertThat(before).isEqualTo(AslAnalysis.closure(withWaits));
  }

  @Property(tries = 200)
  void seriesParallelGraphsNeedNoWait(
      @ForAll("seriesParallel") Map<String, List<String>> dependsOn) {
    Generated generated = AslGenerator.generate(model(dependsOn));

    assertThat(generated.diagnostics()).isEmpty();
    assertThat(AslAnalysis.guaranteedBefore(generated.json()))
        .isEqualTo(AslAnalysis.closure(dependsOn));
  }

  /** Series-parallel graphs, built by composing smaller ones in series or in parallel. */
  @Provide
  Arbitrary<Map<String, List<String>>> seriesParallel() {
    return Arbitraries.integers()
        .between(0, 1 << 20)
        .list()
        .ofMinSize(0)
        .ofMaxSize(24)
        .map(AslGeneratorPropertyTest::compose);
  }

  /** Folds choices into a graph: each choice adds a step, in series or in parallel with a part. */
  private static Map<String, List<String>> compose(List<Integer> choices) {
    // Each part is a list of step ids with its sources and sinks; parts combine pairwise.
    List<Part> parts = new ArrayList<>();
    Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    int next = 0;
    parts.add(Part.single(id(next++), dependsOn));
    for (int choice : choices) {
      if (choice % 3 != 0 || parts.size() == 1) {
        parts.add(Part.single(id(next++), dependsOn));
      }
      int a = (choice / 3) % parts.size();
      Part first = parts.remove(a);
      int b = (choice / 7) % parts.size();
      Part second = parts.remove(b);
      parts.add(choice % 2 == 0 ? first.then(second, dependsOn) : first.beside(second));
    }
    while (parts.size() > 1) {
      Part first = parts.remove(0);
      parts.set(0, first.beside(parts.get(0)));
    }
    return dependsOn;
  }

  private record Part(List<String> sources, List<String> sinks) {
    static Part single(String id, Map<String, List<String>> dependsOn) {
      dependsOn.put(id, new ArrayList<>());
      return new Part(List.of(id), List.of(id));
    }

    Part then(Part after, Map<String, List<String>> dependsOn) {
      after.sources.forEach(s -> dependsOn.get(s).addAll(sinks));
      return new Part(sources, after.sinks);
    }

    Part beside(Part other) {
      List<String> allSources = new ArrayList<>(sources);
      allSources.addAll(other.sources);
      List<String> allSinks = new ArrayList<>(sinks);
      allSinks.addAll(other.sinks);
      return new Part(allSources, allSinks);
    }
  }

  @Example
  void sampleOfRandomGraphsPassesAslValidator() {
    Map<String, Map<String, List<String>>> sample =
        dags()
            .sampleStream()
            .limit(60)
            .collect(
                Collectors.toMap(
                    AslGeneratorPropertyTest::describe, g -> g, (a, b) -> a, LinkedHashMap::new));
    Map<String, com.fasterxml.jackson.databind.JsonNode> definitions = new LinkedHashMap<>();
    sample.forEach(
        (name, graph) -> definitions.put(name, AslGenerator.generate(model(graph)).json()));

    AslValidatorSupport.assertValid(definitions);
  }

  private static String describe(Map<String, List<String>> dependsOn) {
    return dependsOn.entrySet().stream()
        .map(e -> e.getKey() + "<-" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  private static PipelineModel model(Map<String, List<String>> dependsOn) {
    TestModels.Builder builder = TestModels.builder("random");
    dependsOn.forEach(
        (id, deps) -> builder.step(TestModels.step(id).dependsOn(deps.toArray(String[]::new))));
    return builder.build();
  }
}
