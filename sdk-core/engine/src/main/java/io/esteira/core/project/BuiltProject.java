package io.esteira.core.project;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The artifacts a build wrote for one project: the files of {@code META-INF/esteira/<name>/} in a
 * class output directory or a jar.
 *
 * @param name the project, as its directory under {@code META-INF/esteira/} names it
 * @param classOutput the class output directory or the jar holding the artifacts; the first entry
 *     of the project's runtime class path
 * @param inJar whether {@code classOutput} is a jar
 * @param files the artifacts by file name ({@code pipeline.json}, {@code
 *     task-definition.<env>.json} ...), sorted
 * @param builtAt when they were written: the jar's, else {@code pipeline.json}'s modification time
 */
public record BuiltProject(
    String name, Path classOutput, boolean inJar, Map<String, String> files, FileTime builtAt) {

  /** Where the artifacts of every project are, in a class output directory or a jar. */
  public static final String ARTIFACT_ROOT = "META-INF/esteira/";

  public BuiltProject {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(classOutput, "classOutput");
    Objects.requireNonNull(builtAt, "builtAt");
    files = Map.copyOf(new TreeMap<>(files));
  }

  /** The artifact {@code file}, if the build wrote it. */
  public Optional<String> file(String file) {
    return Optional.ofNullable(files.get(file));
  }

  /**
   * The project's artifact directory for messages: {@code <classes>/META-INF/esteira/<name>}, or
   * {@code <jar>!/META-INF/esteira/<name>}, the path shown as {@code shown} names it.
   */
  public String location(java.util.function.Function<Path, String> shown) {
    return inJar
        ? shown.apply(classOutput) + "!/" + ARTIFACT_ROOT + name
        : shown.apply(classOutput.resolve(ARTIFACT_ROOT + name));
  }
}
