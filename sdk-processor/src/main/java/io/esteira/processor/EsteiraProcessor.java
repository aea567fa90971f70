package io.esteira.processor;

import com.google.auto.service.AutoService;
import io.esteira.core.config.ConfigLoader;
import io.esteira.core.config.Loaded;
import io.esteira.diagnostics.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic.Kind;

/**
 * Validates each {@code @Pipeline} class and writes its artifacts and step index (see {@code
 * docs/processor.md}). Pipelines are handled one by one: a failure, even a bug here, is reported on
 * the class it concerns and the others go on; a pipeline with an error writes nothing.
 */
@AutoService(Processor.class)
public final class EsteiraProcessor extends AbstractProcessor {

  private final Function<Path, Loaded> reader;
  private Messager messager;
  private PipelineHandler handler;

  /** The processor javac finds through {@code META-INF/services}. */
  public EsteiraProcessor() {
    this(ConfigLoader::read);
  }

  /** A processor reading {@code config.yaml} with {@code reader}; tests inject failures here. */
  EsteiraProcessor(Function<Path, Loaded> reader) {
    this.reader = reader;
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    messager = env.getMessager();
    ConfigLocator.Located located = ConfigLocator.locate(env.getOptions(), env.getFiler());
    handler =
        new PipelineHandler(
            new PipelineValidator(env.getTypeUtils()),
            new ModelBuilder(env.getElementUtils()),
            new OutputWriter(env.getFiler()),
            new ConfigSource(located, reader),
            env.getElementUtils(),
            messager);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Annotations.PIPELINE, Annotations.STEP);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(ConfigLocator.OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Element current = null;
    try {
      List<TypeElement> pipelines =
          new ArrayList<>(ElementFilter.typesIn(annotatedWith(round, Annotations.PIPELINE)));
      pipelines.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
      for (TypeElement type : pipelines) {
        current = type;
        try {
          handler.handle(type);
        } catch (RuntimeException | LinkageError | AssertionError e) {
          internalError(type, e);
        }
      }
      for (ExecutableElement method :
          ElementFilter.methodsIn(annotatedWith(round, Annotations.STEP))) {
        current = method;
        handler.checkStepOutsidePipeline(method);
      }
      if (round.processingOver()) {
        current = null;
        handler.writeRegistry();
      }
    } catch (RuntimeException | LinkageError | AssertionError e) {
      internalError(current, e);
    }
    return false;
  }

  private Set<? extends Element> annotatedWith(RoundEnvironment round, String annotation) {
    TypeElement type = processingEnv.getElementUtils().getTypeElement(annotation);
    return type == null ? Set.of() : round.getElementsAnnotatedWith(type);
  }

  private void internalError(Element element, Throwable e) {
    String what = element == null ? "the pipelines" : element.toString();
    Diagnostic d = Diagnostic.error(ProcessorMessage.PROC_INTERNAL_ERROR, null, what, e);
    String text = "[" + d.code() + "] " + d.text();
    AnnotationMirror mirror =
        element == null ? null : Annotations.find(element, Annotations.PIPELINE).orElse(null);
    if (element == null) {
      messager.printMessage(Kind.ERROR, text);
    } else if (mirror == null) {
      messager.printMessage(Kind.ERROR, text, element);
    } else {
      messager.printMessage(Kind.ERROR, text, element, mirror);
    }
  }
}
