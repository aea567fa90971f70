package io.esteira.image;

import java.util.List;
import java.util.Objects;

/**
 * An image that was built (and pushed, when asked).
 *
 * @param name {@code <registry>/<repository>}
 * @param digest the manifest's digest, {@code sha256:<64 hex>}: what a deploy pins. For an image
 *     built without a push it is the digest the builder computed locally; a registry that already
 *     holds the base image's layers compressed by another tool may give the pushed image another
 *     one, so only a pushed image's digest is what ECR will have
 * @param tags the tags it was given
 * @param builder what built it: {@code jib}, {@code buildah} or {@code docker}
 * @param pushed whether it is in the registry
 */
public record BuiltImage(
    String name, String digest, List<String> tags, String builder, boolean pushed) {

  public BuiltImage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(digest, "digest");
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    tags = List.copyOf(tags);
    Objects.requireNonNull(builder, "builder");
  }

  /** {@code <registry>/<repository>@sha256:...}: the reference that always means this image. */
  public String pinned() {
    return name + "@" + digest;
  }
}
