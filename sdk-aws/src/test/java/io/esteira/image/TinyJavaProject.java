package io.esteira.image;

import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.project.BuiltArtifacts;
import io.esteira.core.project.BuiltProject;
import io.esteira.local.ProjectClasspath;
import io.esteira.runtime.StepLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A built Java project as small as the image builder accepts, written into a directory: {@code
 * target/classes} with one class, one resource and the {@code pipeline.json} of project {@value
 * #NAME}, and a class path file listing esteira-api's jar, a released jar and a SNAPSHOT jar.
 */
final class TinyJavaProject {

  static final String NAME = "tiny";
  static final String VERSION = "2.3.4";
  static final String CLASS_FILE = "io/esteira/tiny/Tiny.class";
  static final String RESOURCE = "tiny.properties";
  static final String RELEASED_JAR = "released-1.0.jar";
  static final String SNAPSHOT_JAR = "changing-1.1-SNAPSHOT.jar";

  private TinyJavaProject() {}

  /** Writes the project into {@code dir} and returns it. */
  static Path write(Path dir) throws IOException {
    Path config = dir.resolve("config.yaml");
    Files.createDirectories(dir);
    Files.writeString(
        config,
        String.join(
            "\n",
            "project_name: " + NAME,
            "description: \"The image builder's test project\"",
            "version: \"" + VERSION + "\"",
            "owners:",
            "  tech_owner: \"ml-team@example.com\"",
            "batch:",
            "  enabled: true",
            "  orchestrator: \"step_functions\"",
            "  pipeline:",
            "    steps:",
            "      - id: \"hello\"",
            "        command: \"echo hello\"",
            "infra:",
            "  compute:",
            "    provider: \"ec2\"",
            "    ec2_type: \"t3.large\"",
            ""));
    ProjectArtifacts artifacts = BuiltArtifacts.compile(config, List.of());
    if (artifacts.hasErrors()) {
      throw new IllegalStateException("the fixture's config.yaml: " + artifacts.diagnostics());
    }
    Path classes = dir.resolve("target/classes");
    Path artifactDir = classes.resolve(BuiltProject.ARTIFACT_ROOT + NAME);
    Files.createDirectories(artifactDir);
    Files.writeString(
        artifactDir.resolve(ProjectArtifacts.PIPELINE_JSON),
        artifacts.files().get(ProjectArtifacts.PIPELINE_JSON));
    writeClass(classes, "v1");
    Files.writeString(classes.resolve(RESOURCE), "greeting=hello\n");
    Path target = dir.resolve("target");
    Path released = jar(target.resolve(RELEASED_JAR), Map.of("released/A.txt", "a"));
    Path snapshot = jar(target.resolve(SNAPSHOT_JAR), Map.of("changing/B.txt", "b"));
    writeClasspath(dir, List.of(apiJar(target), released, snapshot));
    return dir;
  }

  /**
   * Writes the project's one class file, its bytes ending in {@code variant}: a code change as the
   * image builder sees it.
   */
  static void writeClass(Path classes, String variant) throws IOException {
    Path file = classes.resolve(CLASS_FILE);
    Files.createDirectories(file.getParent());
    byte[] bytes;
    try (InputStream in = TinyJavaProject.class.getResourceAsStream("TinyJavaProject.class")) {
      bytes = in.readAllBytes();
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(bytes);
      out.write(variant.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Writes {@code target/esteira-classpath.txt} as the esteira-maven-plugin's classpath goal (or
   * build-classpath) does.
   */
  static void writeClasspath(Path dir, List<Path> entries) throws IOException {
    Files.writeString(
        dir.resolve("target").resolve(ProjectClasspath.CLASSPATH_FILE),
        entries.stream()
            .map(Path::toString)
            .collect(Collectors.joining(java.io.File.pathSeparator)));
  }

  /** esteira-api's jar as this test sees it, jarred into {@code target} when it is a directory. */
  static Path apiJar(Path target) throws IOException {
    Path location;
    try {
      location =
          Path.of(StepLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (Files.isRegularFile(location)) {
      return location;
    }
    Path jar = target.resolve("esteira-api-0.1.0-SNAPSHOT.jar");
    try (Stream<Path> files = Files.walk(location)) {
      Map<String, Path> entries =
          files
              .filter(Files::isRegularFile)
              .collect(Collectors.toMap(p -> location.relativize(p).toString(), p -> p));
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        for (Map.Entry<String, Path> entry : new java.util.TreeMap<>(entries).entrySet()) {
          out.putNextEntry(new JarEntry(entry.getKey()));
          Files.copy(entry.getValue(), out);
          out.closeEntry();
        }
      }
    }
    return jar;
  }

  /** A jar holding {@code entries} (name to text). */
  static Path jar(Path jar, Map<String, String> entries) {
    try {
      Files.createDirectories(jar.getParent());
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        for (Map.Entry<String, String> entry : new java.util.TreeMap<>(entries).entrySet()) {
          JarEntry e = new JarEntry(entry.getKey());
          e.setTime(0);
          out.putNextEntry(e);
          out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
          out.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The request that builds this project's image into {@code registry}, pushed or not. */
  static ImageRequest request(
      Path dir,
      Optional<String> base,
      RegistryAccess registry,
      String repository,
      List<String> tags,
      boolean push,
      Path work) {
    return new ImageRequest(NAME, dir, repository, tags, base, registry, push, work);
  }
}
