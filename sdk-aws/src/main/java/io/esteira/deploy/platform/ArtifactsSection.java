package io.esteira.deploy.platform;

import io.esteira.core.yaml.YamlNode.Entry;
import io.esteira.core.yaml.YamlNode.MapNode;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.platform.Platform.ArtifactSettings;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an {@code artifacts} section, the platform's or an environment's: each key it gives
 * replaces the one below it ({@code environments.<env>.artifacts.retention_days} over {@code
 * artifacts.retention_days} over the default), so an environment says only what differs.
 */
final class ArtifactsSection {

  /** Lifecycle expiry takes any positive number of days; ten years bounds a typo. */
  static final int MAX_RETENTION_DAYS = 3653;

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

  /**
   * Prefixes and suffixes S3 keeps for its own names (access point aliases, Object Lambda, Multi-
   * Region Access Points, directory and table buckets, AWS's own examples).
   */
  private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");

  private static final List<String> RESERVED_SUFFIXES =
      List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

  /**
   * An image reference: an optional registry host (with port), a lower-case repository path, and a
   * tag or a digest.
   */
  static final Pattern IMAGE =
      Pattern.compile(
          "(?:[A-Za-z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:[._-]+[a-z0-9]+)*"
              + "(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*"
              + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?");

  private ArtifactsSection() {}

  /** The settings {@code entry} gives over {@code base}; {@code where} names it in messages. */
  static ArtifactSettings read(
      PlatformValues values, Diagnostics out, Entry entry, String where, ArtifactSettings base) {
    Optional<MapNode> map =
        values.mapping(entry, where, "{bucket: my-team-artifacts, retention_days: 30}");
    if (map.isEmpty()) {
      return base;
    }
    Map<String, Entry> keys =
        values.entries(map.get(), where, Set.of("bucket", "retention_days", "transfer_image"));
    Optional<String> bucket = base.bucket();
    SourcePosition bucketAt = base.bucketAt();
    Entry b = keys.get("bucket");
    if (b != null) {
      bucketAt = b.value().position();
      bucket = values.text(b, where + ".bucket", "my-team-artifacts");
      String name = bucket.orElse(null);
      Optional<String> problem = bucket.flatMap(ArtifactsSection::bucketProblem);
      if (problem.isPresent()) {
        out.error(
            DeployMessage.DEPLOY_PLATFORM_INVALID,
            b.value().position(),
            where + ".bucket",
            "'" + name + "', " + problem.get(),
            "give the name of an S3 bucket (3 to 63 lower-case letters, digits, dots and hyphens,"
                + " starting and ending with a letter or digit), or leave out bucket so that the"
                + " deployer creates one");
      }
    }
    int retention =
        values.integer(
            keys.get("retention_days"),
            where + ".retention_days",
            base.retentionDays(),
            1,
            MAX_RETENTION_DAYS);
    String image = base.transferImage();
    Entry i = keys.get("transfer_image");
    if (i != null) {
      String checked =
          values.checked(
              i,
              where + ".transfer_image",
              ArtifactSettings.DEFAULT_TRANSFER_IMAGE,
              IMAGE,
              "an image reference with a tag or digest");
      image = checked == null ? image : checked;
    }
    return new ArtifactSettings(bucket, bucketAt, retention, image);
  }

  /**
   * What breaks S3's naming rules for general purpose buckets, or empty when the name follows them
   * (Amazon S3 User Guide, "General purpose bucket naming rules").
   */
  static Optional<String> bucketProblem(String name) {
    if (name.length() < 3 || name.length() > 63) {
      return Optional.of(name.length() + " characters, not 3 to 63");
    }
    if (!BUCKET.matcher(name).matches()) {
      return Optional.of(
          "not only lower-case letters, digits, dots and hyphens, starting and ending with a"
              + " letter or digit");
    }
    if (name.contains("..")) {
      return Optional.of("two dots in a row");
    }
    if (IP_ADDRESS.matcher(name).matches()) {
      return Optional.of("an IP address");
    }
    for (String prefix : RESERVED_PREFIXES) {
      if (name.startsWith(prefix)) {
        return Optional.of("starting with " + prefix + ", which S3 reserves");
      }
    }
    for (String suffix : RESERVED_SUFFIXES) {
      if (name.endsWith(suffix)) {
        return Optional.of("ending in " + suffix + ", which S3 reserves");
      }
    }
    return Optional.empty();
  }
}
