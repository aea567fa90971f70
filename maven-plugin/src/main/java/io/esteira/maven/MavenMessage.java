package io.esteira.maven;

import io.esteira.diagnostics.Message;

/**
 * The messages of the Maven plugin (esteira-maven-plugin). Each entry has a stable code (tests and
 * users refer to it; never reuse or rename one) and a template that says what is wrong and how to
 * fix it, with {@link String#format} placeholders. Codes are unique across every module's
 * catalogue: this one's all start with {@code ESTEIRA-MAVEN-}.
 */
public enum MavenMessage implements Message {
  MAVEN_CONFIG_CHANGED(
      "%s; compiling the module again so that the annotation processor writes the artifacts of"
          + " %s anew"),
  MAVEN_ARTIFACTS_STALE(
      "the artifacts in %s were not written from the current config.yaml: %s; the annotation"
          + " processor did not run in this build. Check that esteira-sdk-processor is in"
          + " maven-compiler-plugin's annotationProcessorPaths, that nothing passes -proc:none,"
          + " and that the esteira-maven-plugin's check-config goal runs before compile (docs/"
          + "processor.md, \"Setup\"), then build again"),
  MAVEN_NO_ARTIFACTS(
      "%s declares a @Pipeline class, but the build wrote no artifacts to %s: the annotation"
          + " processor did not run. Add esteira-sdk-processor to maven-compiler-plugin's"
          + " annotationProcessorPaths (docs/processor.md, \"Setup\") and build again"),
  MAVEN_UNRECORDED_ARTIFACTS(
      "%s has artifacts but no %s, so they were written by an annotation processor older than"
          + " this plugin; use the same esteira.version for esteira-sdk-processor and"
          + " esteira-maven-plugin and build again"),
  MAVEN_UNREADABLE_RECORD(
      "%s cannot be read: %s; run mvn clean package so that the annotation processor writes it"
          + " again"),
  MAVEN_CLASSPATH_WRITE_FAILED(
      "cannot write the runtime class path to %s: %s; check that the build directory is writable"
          + " and build again"),
  ;

  private final String template;

  MavenMessage(String template) {
    this.template = template;
  }

  @Override
  public String template() {
    return template;
  }

  /** The line a user reads: {@code [code] text}. */
  String render(Object... args) {
    return "[" + code() + "] " + format(args);
  }
}
