/**
 * The one YAML layer of the engine: reads config.yaml and the platform file into positioned nodes,
 * with the same protections for both.
 *
 * <p>{@link io.esteira.core.yaml.YamlReader} reads a file or text into {@link
 * io.esteira.core.yaml.YamlNode}s with 1-based line and column; {@link
 * io.esteira.core.yaml.YamlLimits} bounds size, alias expansion, nesting, node count and expanded
 * text; {@link io.esteira.core.yaml.YamlMessages} gives each file kind its own stable message codes
 * (config.yaml reports {@code YAML-SYNTAX}, the platform file {@code DEPLOY-PLATFORM-SYNTAX}).
 * Every problem is a diagnostic at file:line:column, never an exception. What the keys mean is for
 * each file kind's own reader.
 */
package io.esteira.core.yaml;
