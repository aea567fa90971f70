package io.esteira.core.yaml;

import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.io.IOException;
import java.io.StringReader;
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
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads a YAML file into {@link YamlNode}s with 1-based positions, safely and the same way for
 * every file kind: the size limit checked before the file is read, strict UTF-8, the standard tags
 * only, bounded alias expansion, nesting and expanded text, duplicate keys reported. Every problem
 * is a diagnostic at file:line:column with the file kind's own code ({@link YamlMessages}); nothing
 * is thrown for bad input.
 *
 * <p>Only snakeyaml-engine's composer runs (text to a node graph); nothing is ever constructed from
 * a tag, so no class can be instantiated by a document.
 */
public final class YamlReader {

  private final YamlLimits limits;
  private final YamlMessages messages;

  /** A reader for one file kind: its limits and the messages it reports with. */
  public YamlReader(YamlLimits limits, YamlMessages messages) {
    this.limits = limits;
    this.messages = messages;
  }

  /** The limits this reader applies. */
  public YamlLimits limits() {
    return limits;
  }

  /**
   * Reads the file at {@code file}, naming it {@code shown} in diagnostics; empty after reporting
   * why there is no usable document. A file over the size limit is not read at all.
   */
  public Optional<YamlNode> readFile(Path file, String shown, Diagnostics out) {
    try {
      long size = Files.size(file);
      if (size > limits.maxBytes()) {
        out.error(messages.tooLarge(), SourcePosition.file(shown), size, limits.maxBytes());
        return Optional.empty();
      }
      return decode(shown, Files.readAllBytes(file), out).flatMap(text -> parse(shown, text, out));
    } catch (NoSuchFileException e) {
      out.error(messages.unreadable(), SourcePosition.file(shown), "no such file");
    } catch (AccessDeniedException e) {
      out.error(messages.unreadable(), SourcePosition.file(shown), "permission denied");
    } catch (IOException | SecurityException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      out.error(messages.unreadable(), SourcePosition.file(shown), why);
    }
    return Optional.empty();
  }

  /**
   * Reads {@code text} as if from a file called {@code fileName}; empty after reporting why there
   * is no usable document. An empty document is an empty (null) scalar at line 1, column 1.
   */
  public Optional<YamlNode> parse(String fileName, String text, Diagnostics out) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limits.maxBytes()) {
      out.error(messages.tooLarge(), SourcePosition.file(fileName), bytes, limits.maxBytes());
      return Optional.empty();
    }
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(fileName)
            .setUseMarks(true)
            .setAllowDuplicateKeys(true) // reported by the converter, with both lines
            .setAllowRecursiveKeys(false)
            // A backstop; the converter reports the limit at a position.
            .setMaxAliasesForCollections(limits.maxAliasUses() * 2)
            .setCodePointLimit(limits.maxBytes() + 1)
            .build();
    Optional<Node> root;
    try {
      Parser parser =
          new DepthLimitedParser(
              new ParserImpl(settings, new StreamReader(settings, new StringReader(body))),
              limits.maxDepth());
      root = new Composer(settings, parser).getSingleNode();
    } catch (DepthLimitedParser.TooDeep e) {
      out.error(
          messages.unsafe(),
          e.mark() == null
              ? SourcePosition.file(fileName)
              : NodeConverter.position(fileName, e.mark()),
          "the document is nested more than " + limits.maxDepth() + " levels deep");
      return Optional.empty();
    } catch (MarkedYamlEngineException e) {
      SourcePosition at =
          e.getProblemMark()
              .or(e::getContextMark)
              .map(m -> NodeConverter.position(fileName, m))
              .orElse(SourcePosition.file(fileName));
      out.error(messages.syntax(), at, problem(e));
      return Optional.empty();
    } catch (ReaderException e) {
      out.error(
          messages.syntax(),
          positionOfCodePoint(fileName, body, e.getPosition()),
          String.format("the character U+%04X cannot appear in a YAML file", e.getCodePoint()));
      return Optional.empty();
    } catch (YamlEngineException e) {
      out.error(messages.unsafe(), SourcePosition.file(fileName), e.getMessage());
      return Optional.empty();
    }
    if (root.isEmpty()) {
      return Optional.of(
          new YamlNode.Scalar("", YamlNode.Kind.NULL, new SourcePosition(fileName, 1, 1)));
    }
    NodeConverter converter = new NodeConverter(fileName, limits, messages, out);
    YamlNode converted = converter.convert(root.get());
    return converter.unsafe() ? Optional.empty() : Optional.of(converted);
  }

  /** Strict UTF-8, so a stray Latin-1 byte is reported at its line instead of read as junk. */
  private Optional<String> decode(String name, byte[] bytes, Diagnostics out) {
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
          messages.syntax(),
          new SourcePosition(name, line, column),
          "the file is not UTF-8 text (save it as UTF-8)");
      return Optional.empty();
    }
    decoder.flush(chars);
    return Optional.of(chars.flip().toString());
  }

  private static SourcePosition positionOfCodePoint(String fileName, String text, int index) {
    int line = 1;
    int column = 1;
    int seenPoints = 0;
    for (int i = 0;
        i < text.length() && seenPoints < index;
        i += Character.charCount(text.codePointAt(i))) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      seenPoints++;
    }
    return new SourcePosition(fileName, line, column);
  }

  private static String problem(MarkedYamlEngineException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    String context = e.getContext();
    if (problem.contains("(TAB)")) {
      return "a tab cannot indent YAML: indent with spaces";
    }
    if (problem.startsWith("but found another document")) {
      return "a second YAML document starts here, but this file holds one: remove this '---'"
          + " and merge what follows into the first";
    }
    return context == null || context.isBlank() ? problem : problem + " (" + context + ")";
  }
}
