package io.esteira.processor;

import io.esteira.diagnostics.Message;

/**
 * The messages of the annotation processor (esteira-sdk-processor). Each entry has a stable code
 * (tests and users refer to it; never reuse or rename one) and a template that says what is wrong
 * and how to fix it, with {@link String#format} placeholders. Codes are unique across every
 * module's catalogue.
 */
public enum ProcessorMessage implements Message {
  // ---- annotation processor (sdk-processor) -------------------------------------------------
  PROC_PIPELINE_NOT_PUBLIC(
      "@Pipeline class %s is not public, but the step launcher creates it from outside its"
          + " package; make the class public"),
  PROC_PIPELINE_NESTING(
      "@Pipeline class %s is %s, so it cannot be created on its own; make it a top-level class or"
          + " a static nested class"),
  PROC_PIPELINE_KIND(
      "@Pipeline is on %s, which is %s; each step runs on a new instance of the pipeline class:"
          + " put @Pipeline on a concrete class (not abstract, not an interface, enum or record)"),
  PROC_PIPELINE_CONSTRUCTOR(
      "@Pipeline class %s has no public constructor without parameters, which each step run uses"
          + " to create it; add one: public %s() {}"),
  PROC_STEP_NOT_PUBLIC(
      "@Step method %s() is not public, but the step launcher calls it; make it public"),
  PROC_STEP_STATIC(
      "@Step method %s() is static, but each step runs on a new instance of the pipeline class;"
          + " remove static"),
  PROC_STEP_RETURN(
      "@Step method %s() returns %s, which nothing would receive; make it return void, and hand"
          + " results to later steps through files, MLflow or a data store"),
  PROC_STEP_PARAMETERS(
      "@Step method %s(%s) has parameters a step cannot be given; a step method takes no parameter"
          + " or one io.esteira.StepContext"),
  PROC_STEP_GENERIC(
      "@Step method %s() declares type parameters, which no step run can choose; remove them"),
  PROC_STEP_OUTSIDE_PIPELINE(
      "@Step method %s() is in %s, which is not annotated @Pipeline, so nothing runs it; annotate"
          + " the class with @Pipeline or move the method into the pipeline class"),
  PROC_DUPLICATE_STEP(
      "step id '%s' of %s() is also the id of %s(); give each @Step method its own id, with"
          + " @Step(id = \"...\") or a different method name"),
  PROC_NO_CONFIG(
      "no config.yaml (%s), and @Pipeline does not set %s; add a config.yaml beside the module's"
          + " pom.xml, name one with the compiler option -Aesteira.config=PATH, or set"
          + " @Pipeline(name = \"...\", version = \"...\")"),
  PROC_CONFIG_NOT_FOUND(
      "no config.yaml found (looked in %s), so this pipeline is built from its annotations and the"
          + " defaults of the configuration reference alone (instance type m5.large, no schedule,"
          + " no notifications); put the project's config.yaml in %s or name it with the compiler"
          + " option -Aesteira.config=PATH, or, when the annotations say all there is, compile with"
          + " -Aesteira.config=none to silence this warning"),
  PROC_CONFIG_MISPLACED(
      "%s is not read: the processor %s, so this pipeline is built without it; move it to %s, or"
          + " name it with the compiler option -Aesteira.config=%s (or, when it is not this"
          + " pipeline's configuration, compile with -Aesteira.config=none)"),
  PROC_WRITE_FAILED(
      "cannot write %s: %s; check that the class output directory is writable, or run a clean"
          + " build if another processor or an earlier round wrote it"),
  PROC_INTERNAL_ERROR(
      "unexpected failure while processing %s: %s; this is a bug in Esteira: report it with the"
          + " pipeline class and config.yaml that caused it%s"),
  ;

  private final String template;

  ProcessorMessage(String template) {
    this.template = template;
  }

  @Override
  public String template() {
    return template;
  }
}
