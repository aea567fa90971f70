package io.esteira.image;

import io.esteira.diagnostics.Message;

/**
 * The messages of image building (sdk-aws io.esteira.image). Each entry has a stable code (tests
 * and users refer to it; never reuse or rename one) and a template that says what is wrong and how
 * to fix it, with {@link String#format} placeholders. Codes are unique across every module's
 * catalogue.
 */
public enum ImageMessage implements Message {
  IMAGE_REGISTRY_REFUSED(
      "the registry %s refused %s: %s; check that this identity may push to it (for ECR:"
          + " ecr:GetAuthorizationToken and the push actions docs/images.md lists) and run again"),
  IMAGE_NO_DOCKERFILE(
      "project %s has no Dockerfile: %s does not exist; a project without a pom.xml is built"
          + " from the Dockerfile next to its config.yaml, so add one whose FROM names the image"
          + " its steps run in (docs/images.md has an example), and run again"),
  IMAGE_NO_BUILDER(
      "neither buildah nor docker is on the PATH, so the image of %s cannot be built from its"
          + " Dockerfile; install buildah, which needs no daemon (Debian and Ubuntu: apt-get install"
          + " buildah; Fedora: dnf install buildah), or Docker, and run again"),
  IMAGE_BUILDAH_STORAGE(
      "buildah cannot open its image storage (%s), and the vfs driver failed too: %s; check"
          + " storage.conf (/etc/containers/storage.conf, or ~/.config/containers/storage.conf"
          + " without root) and that this user may write to the storage root, and run again"),
  IMAGE_DOCKER_UNAVAILABLE(
      "the image of %s cannot be built: there is no buildah, and docker cannot reach its daemon"
          + " (%s); start the Docker daemon, or install buildah, which needs none, and run again"),
  IMAGE_BASE_UNAVAILABLE(
      "the base image %s of project %s (the FROM of %s) cannot be pulled: %s; check its name and"
          + " tag, that its registry is reachable, and, for a private registry other than the one"
          + " images are pushed to, log in to it (buildah login or docker login) and run again"),
  IMAGE_BUILD_FAILED(
      "the image of %s failed to build at %s: %s; fix that step of the Dockerfile (its last lines"
          + " of output follow) and run again%n%s"),
  IMAGE_REGISTRY_UNREACHABLE(
      "cannot reach the registry %s to push %s: %s; check the registry's address, the network"
          + " (a proxy, a VPN, a firewall) and, for a registry without TLS, that it is on"
          + " loopback, and run again"),
  IMAGE_TAGS_DIFFER(
      "the tags of %s were pushed as different images (%s): another build pushed to the same"
          + " tags meanwhile, or the registry rewrote the manifest; run the build again, one at a"
          + " time per repository"),
  ;

  private final String template;

  ImageMessage(String template) {
    this.template = template;
  }

  @Override
  public String template() {
    return template;
  }
}
