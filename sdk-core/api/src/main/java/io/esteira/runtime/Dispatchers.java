package io.esteira.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Finds the generated {@link StepDispatcher} of a project through {@link ServiceLoader}, as the
 * step launcher in a container and the local runner's in-process mode do.
 */
public final class Dispatchers {

  private Dispatchers() {}

  /** Every dispatcher the class loader can see. */
  public static List<StepDispatcher> all(ClassLoader loader) {
    List<StepDispatcher> found = new ArrayList<>();
    ServiceLoader.load(StepDispatcher.class, loader).forEach(found::add);
    return found;
  }

  /** The dispatcher of {@code project}, or empty when no dispatcher on the class path runs it. */
  public static Optional<StepDispatcher> find(String project, ClassLoader loader) {
    return all(loader).stream().filter(d -> d.project().equals(project)).findFirst();
  }

  /** The projects with a dispatcher, sorted, for messages. */
  public static List<String> projects(ClassLoader loader) {
    TreeSet<String> names = new TreeSet<>();
    all(loader).forEach(d -> names.add(d.project()));
    return List.copyOf(names);
  }
}
