package io.esteira.deploy.platform;

import io.esteira.deploy.messages.DeployMessage;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * The value checks of the platform file: required keys, patterns and numbers, each reported at its
 * place.
 */
final class PlatformValues {

  private PlatformValues() {}

  static String required(
      YamlTree yaml,
      Diagnostics out,
      Map<String, NodeTuple> keys,
      String key,
      String example,
      Pattern pattern,
      String what) {
    return required(yaml, out, keys, key, example, pattern, what, null);
  }

  static String required(
      YamlTree yaml,
      Diagnostics out,
      Map<String, NodeTuple> keys,
      String key,
      String example,
      Pattern pattern,
      String what,
      SourcePosition parent) {
    NodeTuple entry = keys.get(key.substring(key.lastIndexOf('.') + 1));
    if (entry == null) {
      missing(
          out,
          parent == null ? yaml.at(null) : parent,
          key,
          key.substring(key.lastIndexOf('.') + 1) + ": " + example);
      return null;
    }
    return checked(yaml, out, entry, key, example, pattern, what);
  }

  static String checked(
      YamlTree yaml,
      Diagnostics out,
      NodeTuple entry,
      String key,
      String example,
      Pattern pattern,
      String what) {
    Optional<String> value = yaml.text(entry, key, example);
    if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
      out.error(
          DeployMessage.DEPLOY_PLATFORM_INVALID,
          yaml.at(entry.getValueNode()),
          key,
          "'" + value.get() + "', not " + what,
          "give " + what + ", for example: " + example);
      return null;
    }
    return value.orElse(null);
  }

  static int integer(
      YamlTree yaml, Diagnostics out, NodeTuple entry, String key, int fallback, int min, int max) {
    if (entry == null) {
      return fallback;
    }
    Optional<String> text = yaml.text(entry, key, Integer.toString(fallback));
    try {
      int value = Integer.parseInt(text.orElse(""));
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    if (text.isPresent()) {
      out.error(
          DeployMessage.DEPLOY_PLATFORM_INVALID,
          yaml.at(entry.getValueNode()),
          key,
          "'" + text.get() + "'",
          "give a whole number from " + min + " to " + max);
    }
    return fallback;
  }

  static void missing(Diagnostics out, String file, String key, String example) {
    missing(out, SourcePosition.file(file), key, example);
  }

  static void missing(Diagnostics out, SourcePosition at, String key, String example) {
    out.error(DeployMessage.DEPLOY_PLATFORM_MISSING, at, key, example);
  }
}
