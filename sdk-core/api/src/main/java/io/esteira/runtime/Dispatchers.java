package io.esteira.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Finds the {@link StepDispatcher} of a project, as the step launcher in a container and the local
 * runner's in-process mode do. A project built with the annotation processor has a {@link
 * StepIndex} at {@code META-INF/esteira/<project>/steps.idx}, from which a dispatcher of method
 * handles is made; a hand-written dispatcher registered for {@link ServiceLoader} is found too.
 * When both exist for one project, the index wins.
 */
public final class Dispatchers {

  private Dispatchers() {}

  /** Every dispatcher the class loader can see: the indexed projects first, by name. */
  public static List<StepDispatcher> all(ClassLoader loader) {
    List<StepDispatcher> found = new ArrayList<>();
    TreeSet<String> indexed = registered(loader);
    for (String project : indexed) {
      indexed(project, loader).ifPresent(found::add);
    }
    for (StepDispatcher d : ServiceLoader.load(StepDispatcher.class, loader)) {
      if (!indexed.contains(d.project())) {
        found.add(d);
      }
    }
    return found;
  }

  /** The dispatcher of {@code project}, or empty when nothing on the class path runs it. */
  public static Optional<StepDispatcher> find(String project, ClassLoader loader) {
    Optional<StepDispatcher> indexed = indexed(project, loader);
    if (indexed.isPresent()) {
      return indexed;
    }
    for (StepDispatcher d : ServiceLoader.load(StepDispatcher.class, loader)) {
      if (d.project().equals(project)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The projects with a dispatcher, sorted, for messages. */
  public static List<String> projects(ClassLoader loader) {
    TreeSet<String> names = registered(loader);
    ServiceLoader.load(StepDispatcher.class, loader).forEach(d -> names.add(d.project()));
    return List.copyOf(names);
  }

  /**
   * The dispatcher made from the project's step index, when the class path has one.
   *
   * @throws IllegalArgumentException when the file is there but is not an index
   */
  private static Optional<StepDispatcher> indexed(String project, ClassLoader loader) {
    // A project name never holds '/' or '.': one that does names no index.
    if (project.isEmpty() || project.contains("/") || project.contains(".")) {
      return Optional.empty();
    }
    String resource = StepIndex.resource(project);
    URL url = loader.getResource(resource);
    if (url == null) {
      return Optional.empty();
    }
    StepIndex index = StepIndex.parse(project, read(url), url.toString());
    return Optional.of(new IndexedDispatcher(index, loader));
  }

  /** The projects the registries of every class path entry name. */
  private static TreeSet<String> registered(ClassLoader loader) {
    TreeSet<String> names = new TreeSet<>();
    try {
      for (URL url : Collections.list(loader.getResources(StepIndex.REGISTRY))) {
        read(url)
            .lines()
            .map(line -> line.split("\t", 2)[0].strip())
            .filter(name -> !name.isEmpty())
            .forEach(names::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  private static String read(URL url) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url + ": " + e.getMessage(), e);
    }
  }
}
