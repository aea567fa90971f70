package io.esteira.processor;

import io.esteira.core.EngineMessage;
import io.esteira.core.config.CodeDefaults;
import io.esteira.core.config.Loaded;
import io.esteira.core.generate.ProjectArtifacts;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.runtime.StepIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Runs the phases for one {@code @Pipeline} class: validate, build the code layer, resolve and
 * generate with the core, report, and write only when nothing was an error; and, once all are done,
 * the registry of the pipelines written.
 */
final class PipelineHandler {

  private final PipelineValidator validator;
  private final ModelBuilder builder;
  private final OutputWriter writer;
  private final ConfigSource config;
  private final Elements elements;
  private final Messager messager;

  /** Projects written so far, so two classes cannot write the same artifacts. */
  private final Map<String, TypeElement> projects = new HashMap<>();

  private final PipelineRegistry registry = new PipelineRegistry();

  PipelineHandler(
      PipelineValidator validator,
      ModelBuilder builder,
      OutputWriter writer,
      ConfigSource config,
      Elements elements,
      Messager messager) {
    this.validator = validator;
    this.builder = builder;
    this.writer = writer;
    this.config = config;
    this.elements = elements;
    this.messager = messager;
  }

  /** Handles one class; its project when its files were written. */
  Optional<String> handle(TypeElement type) {
    registry.processed(elements.getBinaryName(type).toString());
    AnnotationMirror mirror = Annotations.find(type, Annotations.PIPELINE).orElseThrow();
    PipelineValidator.Result checked = validator.check(type, mirror);
    checked.problems().forEach(p -> p.printTo(messager));
    if (checked.source().isEmpty()) {
      return Optional.empty();
    }
    PipelineSource source = checked.source().get();
    Optional<CodeDefaults> code = builder.build(source);
    if (code.isEmpty()) {
      return Optional.empty(); // javac reports the unreadable annotation value itself
    }
    DiagnosticRouter router = new DiagnosticRouter(source, elements);
    Loaded loaded = config.forCode(code.get());
    List<Diagnostic> diagnostics;
    ProjectArtifacts artifacts = null;
    if (loaded.config().isEmpty()) {
      diagnostics = loaded.diagnostics();
    } else {
      artifacts = ProjectArtifacts.generate(loaded.config().get(), List.of(), code.get());
      diagnostics = artifacts.diagnostics();
    }
    List<Problem> problems = new ArrayList<>();
    diagnostics.forEach(d -> problems.add(router.place(d)));
    String project = "";
    if (artifacts != null && !artifacts.hasErrors()) {
      // config.yaml's project_name wins; without one the core took @Pipeline(name).
      project = artifacts.project().isEmpty() ? code.get().name().orElse("") : artifacts.project();
      TypeElement other = projects.putIfAbsent(project, type);
      if (other != null && !other.equals(type)) {
        problems.add(
            router.place(
                Diagnostic.error(
                    EngineMessage.ARTIFACTS_DUPLICATE_PROJECT,
                    null,
                    project,
                    other.getQualifiedName())));
      }
    }
    problems.forEach(p -> p.printTo(messager));
    if (artifacts == null || problems.stream().anyMatch(Problem::isError)) {
      return Optional.empty();
    }
    return write(source, project, artifacts);
  }

  private Optional<String> write(
      PipelineSource source, String project, ProjectArtifacts artifacts) {
    TypeElement type = source.type();
    String className = source.className(elements);
    StepIndex index =
        new StepIndex(
            project,
            className,
            source.steps().stream()
                .map(
                    s ->
                        new StepIndex.Entry(
                            s.id(), s.method().getSimpleName().toString(), s.takesContext()))
                .toList());
    try {
      writer.writeProject(project, artifacts.files(), index, type);
      registry.written(project, className, type);
      return Optional.of(project);
    } catch (OutputWriter.WriteFailure e) {
      failed(type, e);
      return Optional.empty();
    }
  }

  /** A {@code @Step} method outside any {@code @Pipeline} class would silently never run. */
  void checkStepOutsidePipeline(ExecutableElement method) {
    Element owner = method.getEnclosingElement();
    if (Annotations.find(owner, Annotations.PIPELINE).isPresent()) {
      return;
    }
    AnnotationMirror step = Annotations.find(method, Annotations.STEP).orElse(null);
    new Problem(
            Diagnostic.error(
                ProcessorMessage.PROC_STEP_OUTSIDE_PIPELINE, null, method.getSimpleName(), owner),
            method,
            step,
            null)
        .printTo(messager);
  }

  /**
   * Writes the registry of the pipelines, once, in the last round, when this compilation wrote any.
   * A line of an earlier registry is kept while its class can still be found.
   */
  void writeRegistry() {
    if (registry.isEmpty()) {
      return;
    }
    try {
      writer.writeRegistry(
          registry, binary -> elements.getTypeElement(binary.replace('$', '.')) != null);
    } catch (OutputWriter.WriteFailure e) {
      failed(null, e);
    }
  }

  private void failed(Element element, OutputWriter.WriteFailure e) {
    Diagnostic d = Diagnostic.error(ProcessorMessage.PROC_WRITE_FAILED, null, e.path(), e.reason());
    if (element == null) {
      messager.printMessage(javax.tools.Diagnostic.Kind.ERROR, "[" + d.code() + "] " + d.text());
    } else {
      new Problem(d, element, Annotations.find(element, Annotations.PIPELINE).orElse(null), null)
          .printTo(messager);
    }
  }
}
