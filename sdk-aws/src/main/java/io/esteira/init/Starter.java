package io.esteira.init;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files {@code esteira init} writes: a project that runs as written (a Java pipeline module
 * that {@code mvn package} builds and tests, or a YAML-only project in the origin's layout), a
 * platform file, and the team's two GitHub workflows. The files are resources under {@code
 * io/esteira/init/}, listed in each kind's {@code files.txt} (a jar cannot be listed portably),
 * with {@code ${key}} replaced by the settings; any other {@code ${...}} (a shell's, a
 * Dockerfile's, Maven's) is left as it is.
 */
public final class Starter {

  /** What kind of project to start. */
  public enum Kind {
    /**
     * A Java pipeline module: a pom with every plugin pinned (the same text as docs/processor.md's
     * setup), config.yaml, a two-step {@code @Pipeline} class and its test.
     */
    JAVA("java"),
    /** A YAML-only project: config.yaml, steps as commands, a Dockerfile. */
    YAML("yaml");

    private final String directory;

    Kind(String directory) {
      this.directory = directory;
    }
  }

  /** Project names the deployer accepts (config.yaml's project_name), at most 32 characters. */
  public static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{0,30}[a-z0-9]");

  /**
   * Java package names init writes classes into: dot-separated segments of lower-case ASCII
   * letters, digits and '_', each starting with a letter (the convention; a keyword is refused
   * apart).
   */
  public static final Pattern PACKAGE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  private static final Pattern KEY = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)\\}");
  private static final String ROOT = "/io/esteira/init/";

  /**
   * What to write.
   *
   * @param kind YAML-only or Java
   * @param project the project's name (config.yaml's project_name)
   * @param javaPackage the Java package of a Java project's classes
   * @param region the AWS region of the platform file
   * @param vpc the VPC id, or a placeholder to replace
   * @param subnets the subnet ids, or placeholders
   * @param ecrRepository the ECR repository of the images
   * @param esteiraVersion the Esteira release the workflows and the pom pin
   */
  public record Settings(
      Kind kind,
      String project,
      String javaPackage,
      String region,
      String vpc,
      List<String> subnets,
      String ecrRepository,
      String esteiraVersion) {

    public Settings {
      Objects.requireNonNull(kind, "kind");
      subnets = List.copyOf(subnets);
    }

    /** The pipeline class's name: {@code churn-scores} gives {@code ChurnScoresPipeline}. */
    public String className() {
      StringBuilder name = new StringBuilder();
      for (String part : project.split("-")) {
        name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
      return name + "Pipeline";
    }

    /**
     * The pom's groupId: the package without its last segment ({@code com.example.churnscores}
     * gives {@code com.example}), or the whole package when it has one segment.
     */
    public String groupId() {
      int dot = javaPackage.lastIndexOf('.');
      return dot < 0 ? javaPackage : javaPackage.substring(0, dot);
    }

    Map<String, String> values() {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("project", project);
      values.put("package", javaPackage);
      values.put("groupId", groupId());
      values.put("packagePath", javaPackage.replace('.', '/'));
      values.put("className", className());
      values.put("region", region);
      values.put("vpc", vpc);
      StringBuilder list = new StringBuilder();
      for (String subnet : subnets) {
        list.append("    - ").append(subnet).append('\n');
      }
      values.put("subnets", list.toString().stripTrailing());
      values.put("ecrRepository", ecrRepository);
      values.put("mlflowDev", "https://mlflow-dev.example.com");
      values.put("mlflowPrd", "https://mlflow.example.com");
      values.put("esteiraVersion", esteiraVersion);
      values.put("projectsRoot", "src/projects");
      values.put("checkCommand", "java -jar \"$ESTEIRA_JAR\" validate \"$PROJECTS_ROOT\"");
      // setup-java's Maven cache fails its step when no file matches **/pom.xml, as in a
      // YAML-only repository; the line (with its indent in the workflows' with:) is the Java
      // kind's only.
      values.put("mavenCache", kind == Kind.JAVA ? "\n          cache: maven" : "");
      put(values, "checkout", ActionPins.CHECKOUT);
      put(values, "setupJava", ActionPins.SETUP_JAVA);
      put(values, "awsCredentials", ActionPins.AWS_CREDENTIALS);
      return values;
    }

    private static void put(Map<String, String> values, String key, ActionPins.Pin pin) {
      values.put(key + "Sha", pin.sha());
      values.put(key + "Version", pin.version());
    }
  }

  /**
   * One file to write.
   *
   * @param path its path relative to the directory
   * @param text its text
   * @param keepExisting a file already at the path is left as it is (a repository's own
   *     .gitignore), rather than keeping the others from being written
   */
  public record File(String path, String text, boolean keepExisting) {}

  private Starter() {}

  /** The files for {@code settings}, in the order they are listed. */
  public static List<File> files(Settings settings) {
    Map<String, String> values = settings.values();
    List<File> files = new ArrayList<>();
    for (String index : List.of(settings.kind.directory + "/files.txt", "common/files.txt")) {
      for (String line : read(index).split("\n")) {
        String entry = line.strip();
        if (entry.isEmpty() || entry.startsWith("#")) {
          continue;
        }
        String[] parts = entry.split("\\s+");
        if (parts.length < 2 || parts.length > 3 || parts.length == 3 && !parts[2].equals("keep")) {
          throw new IllegalStateException(index + ": not 'resource target [keep]': " + entry);
        }
        String resource =
            parts[0].startsWith("/") ? parts[0].substring(1) : dirOf(index) + parts[0];
        files.add(
            new File(render(parts[1], values), render(read(resource), values), parts.length == 3));
      }
    }
    return files;
  }

  /** {@code text} with each {@code ${key}} of {@code values} replaced; other text as it is. */
  static String render(String text, Map<String, String> values) {
    Matcher matcher = KEY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String dirOf(String index) {
    return index.substring(0, index.indexOf('/') + 1);
  }

  private static String read(String resource) {
    try (InputStream in = Starter.class.getResourceAsStream(ROOT + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + ROOT + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
