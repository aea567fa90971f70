package io.esteira.processor;

import io.esteira.core.EngineMessage;
import io.esteira.core.config.NameRules;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Message;
import io.esteira.processor.PipelineSource.StepSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Checks what only the Java source can show: the pipeline class can be created, each step method
 * can be called, step ids are well formed and unique, and {@code @Pipeline}'s name and version are
 * usable. Collects every problem and never throws; the core checks the rest (dependencies, cycles,
 * ranges, fit) once the model is built.
 */
final class PipelineValidator {

  private final Types types;

  PipelineValidator(Types types) {
    this.types = types;
  }

  /** The problems of one class, and the accepted source when there is no error. */
  record Result(List<Problem> problems, Optional<PipelineSource> source) {}

  Result check(TypeElement type, AnnotationMirror pipeline) {
    List<Problem> problems = new ArrayList<>();
    checkClass(type, pipeline, problems);
    checkNames(type, pipeline, problems);
    List<StepSource> steps = new ArrayList<>();
    Map<String, StepSource> byId = new LinkedHashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Optional<AnnotationMirror> step = Annotations.find(method, Annotations.STEP);
      if (step.isEmpty()) {
        continue;
      }
      boolean ok = checkMethod(method, problems);
      String id = Annotations.get(step.get(), "id", String.class).orElse("");
      AnnotationValue idValue = Annotations.written(step.get(), "id");
      if (id.isEmpty()) {
        id = snakeCase(method.getSimpleName().toString());
        idValue = null;
      }
      Optional<String> bad = NameRules.stepId(id);
      if (bad.isPresent()) {
        problems.add(
            new Problem(
                Diagnostic.error(EngineMessage.CONFIG_STEP_ID, null, id, bad.get()),
                method,
                step.get(),
                idValue));
        ok = false;
      }
      StepSource source = new StepSource(method, step.get(), id, takesContext(method));
      StepSource first = byId.putIfAbsent(id, source);
      if (first != null) {
        problems.add(
            new Problem(
                Diagnostic.error(
                    ProcessorMessage.PROC_DUPLICATE_STEP,
                    null,
                    id,
                    method.getSimpleName(),
                    first.method().getSimpleName()),
                method,
                step.get(),
                idValue));
        ok = false;
      }
      if (ok) {
        steps.add(source);
      }
    }
    boolean failed = problems.stream().anyMatch(Problem::isError);
    return new Result(
        problems,
        failed ? Optional.empty() : Optional.of(new PipelineSource(type, pipeline, steps)));
  }

  private void checkClass(TypeElement type, AnnotationMirror pipeline, List<Problem> out) {
    String name = type.getQualifiedName().toString();
    if (type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.ABSTRACT)) {
      String what =
          type.getModifiers().contains(Modifier.ABSTRACT) && type.getKind() == ElementKind.CLASS
              ? "abstract"
              : article(type.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' '));
      out.add(error(type, pipeline, ProcessorMessage.PROC_PIPELINE_KIND, name, what));
      return;
    }
    if (!type.getModifiers().contains(Modifier.PUBLIC)) {
      out.add(error(type, pipeline, ProcessorMessage.PROC_PIPELINE_NOT_PUBLIC, name));
    }
    NestingKind nesting = type.getNestingKind();
    if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
      out.add(error(type, pipeline, ProcessorMessage.PROC_PIPELINE_NESTING, name, "a local class"));
    } else if (nesting == NestingKind.MEMBER) {
      if (!type.getModifiers().contains(Modifier.STATIC)) {
        out.add(
            error(
                type,
                pipeline,
                ProcessorMessage.PROC_PIPELINE_NESTING,
                name,
                "an inner class (nested without static)"));
      } else if (!allEnclosingPublic(type)) {
        out.add(error(type, pipeline, ProcessorMessage.PROC_PIPELINE_NOT_PUBLIC, name));
      }
    }
    boolean constructor =
        ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .anyMatch(
                c -> c.getModifiers().contains(Modifier.PUBLIC) && c.getParameters().isEmpty());
    if (!constructor) {
      out.add(
          error(
              type,
              pipeline,
              ProcessorMessage.PROC_PIPELINE_CONSTRUCTOR,
              name,
              type.getSimpleName().toString()));
    }
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private static boolean allEnclosingPublic(TypeElement type) {
    for (Element e = type.getEnclosingElement();
        e instanceof TypeElement outer;
        e = outer.getEnclosingElement()) {
      if (!outer.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  private static void checkNames(TypeElement type, AnnotationMirror pipeline, List<Problem> out) {
    Annotations.get(pipeline, "name", String.class)
        .filter(n -> !n.isEmpty())
        .ifPresent(
            n ->
                NameRules.projectName(n)
                    .ifPresent(
                        p ->
                            out.add(
                                new Problem(
                                    Diagnostic.error(EngineMessage.CONFIG_PROJECT_NAME, null, n, p),
                                    type,
                                    pipeline,
                                    Annotations.written(pipeline, "name")))));
    Annotations.get(pipeline, "version", String.class)
        .filter(v -> !v.isEmpty())
        .ifPresent(
            v ->
                NameRules.version(v)
                    .ifPresent(
                        p ->
                            out.add(
                                new Problem(
                                    Diagnostic.error(EngineMessage.CONFIG_VERSION, null, v, p),
                                    type,
                                    pipeline,
                                    Annotations.written(pipeline, "version")))));
  }

  /** Whether the method can be called as a step; adds a problem for each reason it cannot. */
  private boolean checkMethod(ExecutableElement method, List<Problem> out) {
    AnnotationMirror step = Annotations.find(method, Annotations.STEP).orElseThrow();
    String name = method.getSimpleName().toString();
    int before = out.size();
    if (!method.getModifiers().contains(Modifier.PUBLIC)) {
      out.add(error(method, step, ProcessorMessage.PROC_STEP_NOT_PUBLIC, name));
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      out.add(error(method, step, ProcessorMessage.PROC_STEP_STATIC, name));
    }
    if (method.getReturnType().getKind() != TypeKind.VOID) {
      out.add(error(method, step, ProcessorMessage.PROC_STEP_RETURN, name, method.getReturnType()));
    }
    if (!method.getTypeParameters().isEmpty()) {
      out.add(error(method, step, ProcessorMessage.PROC_STEP_GENERIC, name));
    }
    List<? extends VariableElement> params = method.getParameters();
    if (params.size() > 1 || (params.size() == 1 && !takesContext(method))) {
      String list =
          params.stream().map(p -> p.asType().toString()).collect(Collectors.joining(", "));
      out.add(error(method, step, ProcessorMessage.PROC_STEP_PARAMETERS, name, list));
    }
    return out.size() == before;
  }

  private boolean takesContext(ExecutableElement method) {
    if (method.getParameters().size() != 1) {
      return false;
    }
    Element param = types.asElement(method.getParameters().get(0).asType());
    return param instanceof TypeElement t
        && t.getQualifiedName().contentEquals(Annotations.STEP_CONTEXT);
  }

  private static Problem error(
      Element element, AnnotationMirror mirror, Message message, Object... args) {
    return new Problem(Diagnostic.error(message, null, args), element, mirror, null);
  }

  /**
   * {@code extractFeatures} becomes {@code extract_features}, {@code loadHTTPData} becomes {@code
   * load_http_data}, {@code trainV2} becomes {@code train_v2}.
   */
  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char prev = name.charAt(i - 1);
        boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(prev)
            || Character.isDigit(prev)
            || (Character.isUpperCase(prev) && nextLower)) {
          out.append('_');
        }
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }
}
