package io.esteira.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One project's image to build.
 *
 * @param project the project's name
 * @param projectDirectory the directory of its {@code config.yaml} (and its {@code pom.xml} or
 *     {@code Dockerfile})
 * @param repository the repository inside the registry ({@code ml-pipelines})
 * @param tags the tags to give the image, the first being the main one ({@code recsys-1.2.0}, then
 *     {@code recsys-git-0123456789ab})
 * @param baseImage the image a Java pipeline's image is built on; Dockerfile builds ignore it (the
 *     Dockerfile's {@code FROM} says)
 * @param registry where the image goes and how to log in
 * @param push whether to push to the registry; when false the image is only built (Jib writes a tar
 *     under {@code workDirectory}, buildah keeps it in its local storage)
 * @param workDirectory where the builder keeps its caches and outputs for this project
 */
public record ImageRequest(
    String project,
    Path projectDirectory,
    String repository,
    List<String> tags,
    Optional<String> baseImage,
    RegistryAccess registry,
    boolean push,
    Path workDirectory) {

  public ImageRequest {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(projectDirectory, "projectDirectory");
    Objects.requireNonNull(repository, "repository");
    tags = List.copyOf(tags);
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("an image needs at least one tag");
    }
    Objects.requireNonNull(baseImage, "baseImage");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(workDirectory, "workDirectory");
  }

  /** {@code <registry>/<repository>}, the image's name without tag or digest. */
  public String name() {
    return registry.registry() + "/" + repository;
  }

  /** {@code <registry>/<repository>:<tag>} of the main tag. */
  public String reference() {
    return name() + ":" + tags.get(0);
  }
}
