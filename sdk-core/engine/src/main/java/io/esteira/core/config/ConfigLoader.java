package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

  private ConfigLoader() {}

  /** Reads and checks this file; the file name shown in diagnostics is {@code file} as given. */
  public static Loaded read(Path file) {
    String name = file.toString();
    Diagnostics out = new Diagnostics();
    try {
      long size = Files.size(file);
      if (size > YamlReader.MAX_BYTES) {
        out.error(
            EngineMessage.YAML_TOO_LARGE, SourcePosition.file(name), size, YamlReader.MAX_BYTES);
        return new Loaded(Optional.empty(), out.all());
      }
      byte[] bytes = Files.readAllBytes(file);
      Optional<String> text = decode(name, bytes, out);
      return text.isPresent() ? parse(name, text.get()) : new Loaded(Optional.empty(), out.all());
    } catch (NoSuchFileException e) {
      out.error(EngineMessage.YAML_UNREADABLE, SourcePosition.file(name), "there is no such file");
    } catch (AccessDeniedException e) {
      out.error(EngineMessage.YAML_UNREADABLE, SourcePosition.file(name), "permission denied");
    } catch (IOException | SecurityException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      out.error(EngineMessage.YAML_UNREADABLE, SourcePosition.file(name), why);
    }
    return new Loaded(Optional.empty(), out.all());
  }

  /** Checks this text as if read from a file called {@code fileName}. */
  public static Loaded parse(String fileName, String text) {
    Diagnostics out = new Diagnostics();
    Optional<YamlNode> parsed = YamlReader.read(fileName, text, out);
    if (parsed.isEmpty()) {
      return new Loaded(Optional.empty(), out.all());
    }
    YamlNode node = parsed.get();
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

  /** Strict UTF-8, so a stray Latin-1 byte is reported at its line instead of read as junk. */
  private static Optional<String> decode(String name, byte[] bytes, Diagnostics out) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer chars = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, chars, true);
    if (result.isError()) {
      String before = chars.flip().toString();
      int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
      int column = before.length() - before.lastIndexOf('\n');
      out.error(
          EngineMessage.YAML_SYNTAX,
          new SourcePosition(name, line, column),
          "the file is not UTF-8 text (save it as UTF-8)");
      return Optional.empty();
    }
    decoder.flush(chars);
    return Optional.of(chars.flip().toString());
  }
}
