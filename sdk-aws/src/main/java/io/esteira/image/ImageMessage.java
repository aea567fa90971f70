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
  IMAGE_BAD_COMMIT(
      "the commit '%s' is not a Git commit id (7 to 40 lower-case hex digits); give --commit the"
          + " id of the commit built, such as $GITHUB_SHA, or leave it out"),
  IMAGE_BAD_REGISTRY_URL(
      "--registry %s is neither an https:// URL nor a plain http:// URL of a loopback address"
          + " (127.0.0.1, localhost); a registry token must never cross a network unencrypted"),
  IMAGE_NO_DIRECTORY(
      "project %s was read from a jar, which holds no Dockerfile and no class path to build an"
          + " image from; give the project's directory instead"),
  IMAGE_NO_DOCKERFILE(
      "project %s runs commands, not Java steps, and has no Dockerfile at %s; add one that puts"
          + " the steps' code and tools in the image (docs/images.md shows one)"),
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
