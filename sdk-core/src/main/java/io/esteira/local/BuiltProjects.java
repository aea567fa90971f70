package io.esteira.local;

import io.esteira.core.diagnostics.Diagnostic;
import io.esteira.core.diagnostics.Message;
import io.esteira.core.diagnostics.SourcePosition;
import io.esteira.core.generate.PipelineJsonReader;
import io.esteira.core.generate.PipelineJsonReader.PipelineDocument;
import io.esteira.core.generate.PipelineJsonReader.PipelineJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds what the annotation processor wrote for a Java project: {@code
 * META-INF/esteira/<project>/pipeline.json} in {@code target/classes}, else in a jar under {@code
 * target/}. The class output wins over a jar because {@code mvn compile} refreshes it and a jar can
 * be older.
 */
final class BuiltProjects {

  static final String TARGET = "target";
  private static final Pattern IN_JAR = Pattern.compile("META-INF/esteira/([^/]+)/pipeline\\.json");

  private BuiltProjects() {}

  /** Whether {@code dir} is a Java project: a Maven or Gradle build, or Java sources. */
  static boolean isJavaProject(Path dir) {
    return Files.isRegularFile(dir.resolve("pom.xml"))
        || Files.isRegularFile(dir.resolve("build.gradle"))
        || Files.isRegularFile(dir.resolve("build.gradle.kts"))
        || Files.isDirectory(dir.resolve("src").resolve("main").resolve("java"));
  }

  /** The built project in {@code dir}, or empty when nothing was built there. */
  static Optional<LocalProject> open(Path dir, Optional<String> name) throws IOException {
    Path target = dir.resolve(TARGET);
    Path classes = target.resolve("classes");
    Map<String, Path> inClasses = new TreeMap<>();
    Path esteira = classes.resolve("META-INF").resolve("esteira");
    if (Files.isDirectory(esteira)) {
      try (Stream<Path> projects = Files.list(esteira)) {
        projects
            .filter(p -> Files.isRegularFile(p.resolve("pipeline.json")))
            .forEach(p -> inClasses.put(p.getFileName().toString(), p.resolve("pipeline.json")));
      }
    }
    if (!inClasses.isEmpty()) {
      String project = LocalProject.choose(dir, List.copyOf(inClasses.keySet()), name);
      Path file = inClasses.get(project);
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return Optional.of(
          built(dir, file.toString(), text, classes, Files.getLastModifiedTime(file)));
    }
    for (Path jar : jars(target)) {
      Optional<LocalProject> fromJar = fromJar(dir, jar, name);
      if (fromJar.isPresent()) {
        return fromJar;
      }
    }
    return Optional.empty();
  }

  private static Optional<LocalProject> fromJar(Path dir, Path jar, Optional<String> name)
      throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Map<String, ZipEntry> found = new TreeMap<>();
      zip.stream()
          .forEach(
              entry -> {
                Matcher m = IN_JAR.matcher(entry.getName());
                if (m.matches()) {
                  found.put(m.group(1), entry);
                }
              });
      if (found.isEmpty()) {
        return Optional.empty();
      }
      String project = LocalProject.choose(dir, List.copyOf(found.keySet()), name);
      ZipEntry entry = found.get(project);
      String text;
      try (InputStream in = zip.getInputStream(entry)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String source = jar + "!/" + entry.getName();
      return Optional.of(built(dir, source, text, jar, Files.getLastModifiedTime(jar)));
    }
  }

  /** The jars a build left in {@code target/}, by name, without sources, javadoc and tests. */
  private static List<Path> jars(Path target) throws IOException {
    if (!Files.isDirectory(target)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(f -> Files.isRegularFile(f))
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

  private static LocalProject built(
      Path dir, String source, String json, Path classOutput, FileTime builtAt) throws IOException {
    PipelineDocument document;
    try {
      document = PipelineJsonReader.read(json, source);
    } catch (PipelineJsonException e) {
      throw LocalProjectException.usage(
          Diagnostic.error(Message.LOCAL_UNREADABLE_PIPELINE, null, e.getMessage()));
    }
    List<Diagnostic> warnings = new ArrayList<>();
    Path config = dir.resolve("config.yaml");
    if (Files.isRegularFile(config) && Files.getLastModifiedTime(config).compareTo(builtAt) > 0) {
      warnings.add(
          Diagnostic.warning(Message.LOCAL_STALE_BUILD, SourcePosition.file(config.toString())));
    }
    List<Path> classpath = ProjectClasspath.of(dir, classOutput);
    Map<String, List<Diagnostic>> byEnvironment = new HashMap<>();
    document.environments().forEach(environment -> byEnvironment.put(environment, warnings));
    return new LocalProject(
        LocalProject.Kind.BUILT,
        dir.toAbsolutePath().normalize(),
        source,
        document,
        classpath,
        byEnvironment);
  }
}
