package io.esteira.core.yaml;

import io.esteira.diagnostics.Message;

/**
 * The messages one kind of YAML file reports its reading problems with, so that each file kind
 * keeps its own stable codes and remedies while the checks are the same. Each message takes the
 * arguments listed here, in this order.
 *
 * @param unreadable the file cannot be read: (why)
 * @param syntax the text is not YAML, or not UTF-8: (what is wrong)
 * @param tooLarge the file is over {@link YamlLimits#maxBytes}: (its size in bytes, the limit)
 * @param unsafe a tag, or a limit on aliases, nesting or expanded size: (what is wrong)
 * @param duplicateKey a key twice in one mapping: (the key, where, the line of the first)
 * @param wrongType a key that is a list or mapping: ("key", "plain text", what it is, the fix)
 */
public record YamlMessages(
    Message unreadable,
    Message syntax,
    Message tooLarge,
    Message unsafe,
    Message duplicateKey,
    Message wrongType) {}
