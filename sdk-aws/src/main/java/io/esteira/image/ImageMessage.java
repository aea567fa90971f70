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
  IMAGE_COMMANDS_NO_DOCKERFILE(
      "project %s runs commands, not Java steps, and has no Dockerfile at %s; add one that puts"
          + " the steps' code and tools in the image (docs/images.md shows one)"),
  IMAGE_JAVA_NOT_BUILT(
      "this Java project is not built: %s; build it with mvn package (its pom.xml runs the"
          + " esteira-maven-plugin's classpath goal, as docs/local-runner.md shows), then build the"
          + " image again"),
  IMAGE_JAVA_NO_CLASSPATH(
      "the runtime class path of this project is unknown: there is no %s and no %s, so its"
          + " dependencies cannot go in the image; add the esteira-maven-plugin with its goals"
          + " check-config and classpath to its pom.xml as docs/local-runner.md shows"
          + " (examples/recsys/pom.xml has it) and run mvn package again, or copy the dependencies"
          + " with mvn dependency:copy-dependencies"),
  IMAGE_JAVA_CLASSPATH_DIRECTORY(
      "the runtime class path lists the directory %s, not a jar (a module of the same build that"
          + " was compiled but not packaged); run mvn package, not only compile, so that the class"
          + " path lists its jar, then build the image again"),
  IMAGE_JAVA_NO_LAUNCHER(
      "none of the project's %d dependencies holds io.esteira.runtime.StepLauncher, which starts"
          + " every Java step in the image; add io.esteira:esteira-api to the dependencies in its"
          + " pom.xml (compile or runtime scope), run mvn package and build the image again"),
  IMAGE_JAVA_NO_BASE(
      "a Java pipeline's image is built on a base image that has java 17 or later, and none was"
          + " given; name one (such as eclipse-temurin:17-jre) and build again"),
  IMAGE_JAVA_BAD_REFERENCE(
      "%s is not a valid image reference (%s); write it as [registry/]repository[:tag] or"
          + " [registry/]repository@sha256:<digest>"),
  IMAGE_JAVA_BASE_UNAVAILABLE(
      "the base image %s cannot be pulled: %s; check its name and tag, that its registry answers"
          + " from here, and that this identity may pull from it, then build again"),
  IMAGE_JAVA_CACHE_UNUSABLE(
      "the image build's cache %s cannot be created: %s; check that the directory is writable and"
          + " its disk has space, then build again"),
  IMAGE_JAVA_BUILD_FAILED(
      "the image of %s could not be built: %s; build the project again with mvn package (a file"
          + " it lists may have changed during the image build) and build the image again"),
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
