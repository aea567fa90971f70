package io.esteira.core.project;

import static io.esteira.core.project.BuiltProject.ARTIFACT_ROOT;

import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the artifacts of projects from where a build leaves them, or compiles a YAML-only project
 * into the same artifact set in memory.
 *
 * <p>Only the files directly in {@code META-INF/esteira/<project>/} are artifacts: the annotation
 * processor writes nothing deeper.
 */
public final class BuiltArtifacts {

  /** A build's output directory in a project. */
  public static final String TARGET = "target";

  private BuiltArtifacts() {}

  /**
   * What the build of the project in {@code dir} wrote: the projects in {@code target/classes},
   * else in the first jar under {@code target/} (by name) that holds any. The class output wins
   * because {@code mvn compile} refreshes it and a jar can be older. Empty when nothing was built.
   */
  public static List<BuiltProject> find(Path dir) throws IOException {
    Path target = dir.resolve(TARGET);
    List<BuiltProject> inClasses = inClassOutput(target.resolve("classes"));
    if (!inClasses.isEmpty()) {
      return inClasses;
    }
    for (Path jar : jars(target)) {
      List<BuiltProject> inJar = inJar(jar);
      if (!inJar.isEmpty()) {
        return inJar;
      }
    }
    return List.of();
  }

  /** The projects in a class output directory, by name; empty when it has none. */
  public static List<BuiltProject> inClassOutput(Path classes) throws IOException {
    Path root = classes.resolve(ARTIFACT_ROOT);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Path> dirs;
    try (Stream<Path> children = Files.list(root)) {
      dirs = children.filter(Files::isDirectory).sorted().toList();
    }
    List<BuiltProject> projects = new ArrayList<>();
    for (Path dir : dirs) {
      Map<String, String> files = new TreeMap<>();
      try (Stream<Path> children = Files.list(dir)) {
        for (Path file : children.filter(Files::isRegularFile).toList()) {
          files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
      }
      Path pipeline = dir.resolve(ProjectArtifacts.PIPELINE_JSON);
      FileTime builtAt = Files.getLastModifiedTime(Files.exists(pipeline) ? pipeline : dir);
      projects.add(new BuiltProject(dir.getFileName().toString(), classes, false, files, builtAt));
    }
    return List.copyOf(projects);
  }

  /** The projects in a jar, by name; empty when it has none. */
  public static List<BuiltProject> inJar(Path jar) throws IOException {
    Map<String, Map<String, String>> byProject = new TreeMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        String path = entry.getName();
        if (entry.isDirectory() || !path.startsWith(ARTIFACT_ROOT)) {
          continue;
        }
        String[] parts = path.substring(ARTIFACT_ROOT.length()).split("/");
        if (parts.length == 2) {
          try (InputStream in = zip.getInputStream(entry)) {
            byProject
                .computeIfAbsent(parts[0], p -> new TreeMap<>())
                .put(parts[1], new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    FileTime builtAt = Files.getLastModifiedTime(jar);
    List<BuiltProject> projects = new ArrayList<>();
    byProject.forEach(
        (name, files) -> projects.add(new BuiltProject(name, jar, true, files, builtAt)));
    return List.copyOf(projects);
  }

  /**
   * A YAML-only project's artifacts for {@code environments} (every declared one when empty),
   * compiled in memory exactly as {@code esteira generate} writes them, with its diagnostics.
   */
  public static ProjectArtifacts compile(Path config, List<String> environments) {
    return ProjectArtifacts.generate(ConfigLoader.read(config), environments);
  }

  /** The jars a build left in {@code target/}, by name, without sources, javadoc and tests. */
  private static List<Path> jars(Path target) throws IOException {
    if (!Files.isDirectory(target)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".jar")
                    && !n.endsWith("-sources.jar")
                    && !n.endsWith("-javadoc.jar")
                    && !n.endsWith("-tests.jar")
                    && !n.startsWith("original-");
              })
          .sorted()
          .toList();
    }
  }
}
