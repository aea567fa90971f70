package io.esteira.deploy.reconcile;

import java.util.Objects;
import java.util.Optional;

/**
 * The image a project's task definition runs, and where that choice came from.
 *
 * @param uri what the task definition names: {@code <registry>/<repository>@sha256:...} once
 *     pinned, else a tag or the URI given with {@code --image}
 * @param origin how it was chosen
 * @param digest the digest of the image in the platform's ECR repository, when {@link
 *     Origin#PINNED}: the deploy tags it as live there, so ECR's lifecycle policy keeps it
 */
public record ProjectImage(String uri, Origin origin, Optional<String> digest) {

  /** How a project's image was chosen. */
  public enum Origin {
    /** The ECR tag {@code <project>-<version>}, resolved to the digest it points at. */
    PINNED,
    /** Given with {@code --image <project>=<uri>}, used as it is. */
    GIVEN,
    /**
     * The tag is not in ECR yet: a plan (or a deploy with {@code --no-image-check}) names the tag
     * that {@code esteira image build --push} would push.
     */
    NOT_BUILT
  }

  public ProjectImage {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(digest, "digest");
    if ((origin == Origin.PINNED) != digest.isPresent()) {
      throw new IllegalArgumentException("a pinned image has a digest, and only a pinned one");
    }
  }

  /** The image at {@code digest} in {@code repositoryUri} ({@code <registry>/<repository>}). */
  public static ProjectImage pinned(String repositoryUri, String digest) {
    return new ProjectImage(repositoryUri + "@" + digest, Origin.PINNED, Optional.of(digest));
  }

  public static ProjectImage given(String uri) {
    return new ProjectImage(uri, Origin.GIVEN, Optional.empty());
  }

  public static ProjectImage notBuilt(String repositoryUri, String tag) {
    return new ProjectImage(repositoryUri + ":" + tag, Origin.NOT_BUILT, Optional.empty());
  }
}
