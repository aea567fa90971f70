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
