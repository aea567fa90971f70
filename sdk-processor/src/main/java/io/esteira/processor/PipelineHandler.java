package io.esteira.processor;

import io.esteira.core.EngineMessage;
import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.config.CodeDefaults;
import io.esteira.core.config.Loaded;
import io.esteira.core.project.BuildInputs;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Origin;
import io.esteira.runtime.StepIndex;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Runs the phases for one {@code @Pipeline} class: validate, build the code layer, resolve and
 * generate with the core, and write only when its {@link Report} is clean; and, once all are done,
 * the registry of the pipelines written. It adds to the report and never prints; the caller prints
 * the report once.
 */
final class PipelineHandler {

  private final PipelineValidator validator;
  private final ModelBuilder builder;
  private final OutputWriter writer;
  private final ConfigSource config;
  private final Elements elements;

  private final PipelineRegistry registry = new PipelineRegistry();

  /** Projects written so far, so two classes cannot write the same artifacts. */
  private final Map<String, TypeElement> projects = new HashMap<>();

  PipelineHandler(
      PipelineValidator validator,
      ModelBuilder builder,
      OutputWriter writer,
      ConfigSource config,
      Elements elements) {
    this.validator = validator;
    this.builder = builder;
    this.writer = writer;
    this.config = config;
    this.elements = elements;
  }

  /** Handles one class, adding what it finds to {@code report}; its project when written. */
  Optional<String> handle(TypeElement type, Report report) {
    registry.processed(elements.getBinaryName(type).toString());
    AnnotationMirror mirror = Annotations.find(type, Annotations.PIPELINE).orElseThrow();
    PipelineValidator.Result checked = validator.check(type, mirror);
    report.addAll(checked.problems());
    if (checked.source().isEmpty()) {
      return Optional.empty();
    }
    PipelineSource source = checked.source().get();
    Optional<CodeDefaults> code = builder.build(source);
    if (code.isEmpty()) {
      return Optional.empty(); // javac reports the unreadable annotation value itself
    }
    DiagnosticRouter router = new DiagnosticRouter(source);
    config.searchProblems(code.get()).forEach(d -> report.add(router.place(d)));
    Loaded loaded = config.forCode(code.get());
    if (loaded.config().isEmpty()) {
      loaded.diagnostics().forEach(d -> report.add(router.place(d)));
      return Optional.empty();
    }
    ProjectArtifacts artifacts =
        ProjectArtifacts.generate(loaded.config().get(), List.of(), code.get());
    artifacts.diagnostics().forEach(d -> report.add(router.place(d)));
    if (artifacts.hasErrors()) {
      return Optional.empty();
    }
    // config.yaml's project_name wins; without one the core took @Pipeline(name).
    String project =
        artifacts.project().isEmpty() ? code.get().name().orElse("") : artifacts.project();
    TypeElement other = projects.putIfAbsent(project, type);
    if (other != null && !other.equals(type)) {
      report.add(
          router.place(
              Diagnostic.error(
                  EngineMessage.ARTIFACTS_DUPLICATE_PROJECT,
                  Origin.pipeline("name"),
                  project,
                  other.getQualifiedName())));
    }
    if (!report.isClean()) {
      return Optional.empty();
    }
    return write(source, project, artifacts, report);
  }

  private Optional<String> write(
      PipelineSource source, String project, ProjectArtifacts artifacts, Report report) {
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
    Map<String, String> files = new TreeMap<>(artifacts.files());
    try {
      // What was read, so that a build can tell when config.yaml changed since (docs/processor.md).
      files.put(BuildInputs.FILE, config.inputs(writer.classOutput()));
    } catch (IOException e) {
      report.add(
          Diagnostic.error(
              ProcessorMessage.PROC_WRITE_FAILED,
              null,
              OutputWriter.ARTIFACT_ROOT + project + "/" + BuildInputs.FILE,
              e.toString()));
      return Optional.empty();
    }
    try {
      writer.writeProject(project, files, index, type);
      registry.written(project, className, type);
      return Optional.of(project);
    } catch (OutputWriter.WriteFailure e) {
      report.add(Diagnostic.error(ProcessorMessage.PROC_WRITE_FAILED, null, e.path(), e.reason()));
      return Optional.empty();
    }
  }

  /** A {@code @Step} method outside any {@code @Pipeline} class would silently never run. */
  void checkStepOutsidePipeline(ExecutableElement method, Report report) {
    Element owner = method.getEnclosingElement();
    if (Annotations.find(owner, Annotations.PIPELINE).isPresent()) {
      return;
    }
    AnnotationMirror step = Annotations.find(method, Annotations.STEP).orElse(null);
    report.add(
        new Problem(
            Diagnostic.error(
                ProcessorMessage.PROC_STEP_OUTSIDE_PIPELINE, null, method.getSimpleName(), owner),
            method,
            step,
            null));
  }

  /**
   * Writes the registry of the pipelines, once, in the last round, when this compilation wrote any.
   * A line of an earlier registry is kept while its class can still be found.
   */
  void writeRegistry(Report report) {
    if (registry.isEmpty()) {
      return;
    }
    try {
      writer.writeRegistry(
          registry, binary -> elements.getTypeElement(binary.replace('$', '.')) != null);
    } catch (OutputWriter.WriteFailure e) {
      report.add(Diagnostic.error(ProcessorMessage.PROC_WRITE_FAILED, null, e.path(), e.reason()));
    }
  }
}
