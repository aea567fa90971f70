package io.esteira.core.yaml;

/**
 * The bounds a YAML file is read within, so that a hostile or mistaken file costs little time and
 * memory and is reported, never thrown. {@link #CONFIG} are config.yaml's; another file kind starts
 * from them and changes what differs (the platform file takes a smaller {@link #maxBytes}).
 *
 * @param maxBytes the largest file accepted, in UTF-8 bytes; checked before the file is read
 * @param maxAliasUses how many times anchored mappings or lists may be expanded through aliases,
 *     nested expansions included
 * @param maxDepth the deepest nesting of mappings and lists
 * @param maxNodes how many mappings and lists the expanded document may hold
 * @param maxExpandedChars how many characters of scalar text (keys and values) the expanded
 *     document may hold, each use of an alias counted again: aliases of one long scalar cannot
 *     multiply it into gigabytes downstream
 */
public record YamlLimits(
    int maxBytes, int maxAliasUses, int maxDepth, int maxNodes, long maxExpandedChars) {

  /**
   * config.yaml's limits. 1 MiB: a 1,000-step pipeline written one key per line is about 270 KB, so
   * real files fit with room to spare. 50 alias expansions: enough to share one {@code resources}
   * block among many steps, far too few for an exponential "billion laughs" document. Depth 64: the
   * real schema is six levels deep. 100,000 nodes: a bound on the expanded tree, whatever the
   * anchors do. 4 MiB of expanded text: four times the largest file, so sharing values by alias is
   * fine, while one long anchored scalar reused in thousands of places is not.
   */
  public static final YamlLimits CONFIG =
      new YamlLimits(1024 * 1024, 50, 64, 100_000, 4L * 1024 * 1024);

  public YamlLimits {
    if (maxBytes <= 0 || maxAliasUses < 0 || maxDepth <= 0 || maxNodes <= 0) {
      throw new IllegalArgumentException("YAML limits must be positive");
    }
    if (maxExpandedChars < maxBytes) {
      throw new IllegalArgumentException("maxExpandedChars must be at least maxBytes");
    }
  }

  /** These limits with another file size limit. */
  public YamlLimits withMaxBytes(int bytes) {
    return new YamlLimits(bytes, maxAliasUses, maxDepth, maxNodes, maxExpandedChars);
  }
}
