package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.core.yaml.YamlLimits;
import io.esteira.core.yaml.YamlMessages;
import io.esteira.core.yaml.YamlNode;
import io.esteira.core.yaml.YamlReader;
import io.esteira.diagnostics.Diagnostics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads a project's {@code config.yaml}: safe YAML, every key checked, every problem reported with
 * its file, line and column. Never throws for bad input.
 *
 * <p>Reading checks what does not depend on the environment or the code: YAML, keys, types and each
 * value where it is written (top level and environment sections alike). {@link
 * ProjectConfig#resolve} adds what needs the merged result: required keys, dependencies, fit.
 */
public final class ConfigLoader {

  /**
   * The YAML layer as config.yaml uses it: {@link YamlLimits#CONFIG} and the engine's {@code
   * YAML-*} codes, with {@code CONFIG-DUPLICATE-KEY} and {@code CONFIG-WRONG-TYPE} for keys.
   */
  static final YamlReader YAML =
      new YamlReader(
          YamlLimits.CONFIG,
          new YamlMessages(
              EngineMessage.YAML_UNREADABLE,
              EngineMessage.YAML_SYNTAX,
              EngineMessage.YAML_TOO_LARGE,
              EngineMessage.YAML_UNSAFE,
              EngineMessage.CONFIG_DUPLICATE_KEY,
              EngineMessage.CONFIG_WRONG_TYPE));

  private ConfigLoader() {}

  /** Reads and checks this file; the file name shown in diagnostics is {@code file} as given. */
  public static Loaded read(Path file) {
    String name = file.toString();
    Diagnostics out = new Diagnostics();
    Optional<YamlNode> parsed = YAML.readFile(file, name, out);
    return parsed.isPresent()
        ? check(name, parsed.get(), out)
        : new Loaded(Optional.empty(), out.all());
  }

  /** Checks this text as if read from a file called {@code fileName}. */
  public static Loaded parse(String fileName, String text) {
    Diagnostics out = new Diagnostics();
    Optional<YamlNode> parsed = YAML.parse(fileName, text, out);
    return parsed.isPresent()
        ? check(fileName, parsed.get(), out)
        : new Loaded(Optional.empty(), out.all());
  }

  private static Loaded check(String fileName, YamlNode parsed, Diagnostics out) {
    YamlNode node = parsed;
    if (SchemaChecker.isNull(node)) {
      node = new YamlNode.MapNode(List.of(), node.position());
    }
    if (!(node instanceof YamlNode.MapNode root)) {
      out.error(
          EngineMessage.CONFIG_WRONG_TYPE,
          node.position(),
          fileName,
          "a mapping of keys such as project_name:",
          node.describe(),
          "start the file with project_name: <name> and the other keys below it");
      return new Loaded(Optional.empty(), out.all());
    }
    SchemaChecker.check(root, out);
    Map<String, YamlNode.MapNode> sections = new LinkedHashMap<>();
    TreeSet<String> declared = new TreeSet<>();
    for (YamlNode.Entry e : Values.entries(root, "environments")) {
      YamlNode.MapNode section =
          e.value() instanceof YamlNode.MapNode map
              ? map
              : new YamlNode.MapNode(List.of(), e.value().position());
      sections.put(e.key(), section);
      if (SchemaChecker.ENVIRONMENT_NAME.matcher(e.key()).matches()) {
        declared.add(e.key());
      }
    }
    List<String> environments = new ArrayList<>(ProjectConfig.STANDARD_ENVIRONMENTS);
    declared.stream().filter(env -> !environments.contains(env)).forEach(environments::add);
    ValueChecker.check(root, "", environments, out);
    sections.forEach(
        (env, section) -> ValueChecker.check(section, "environments." + env, environments, out));
    ProjectConfig config = new ProjectConfig(fileName, root, sections, environments, out.all());
    return new Loaded(Optional.of(config), out.all());
  }
}
