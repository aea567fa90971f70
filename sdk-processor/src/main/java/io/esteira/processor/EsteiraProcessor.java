package io.esteira.processor;

import com.google.auto.service.AutoService;
import io.esteira.core.config.ConfigLoader;
import io.esteira.core.config.Loaded;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Validates each {@code @Pipeline} class and writes its artifacts and step index (see {@code
 * docs/processor.md}). Pipelines are handled one by one: a failure, even a bug here, is reported on
 * the class it concerns and the others go on; a pipeline with an error writes nothing.
 */
@AutoService(Processor.class)
public final class EsteiraProcessor extends AbstractProcessor {

  /** The option that adds the stack trace to an internal error: {@code -Aesteira.verbose}. */
  static final String VERBOSE = "esteira.verbose";

  private final Function<Path, Loaded> reader;
  private Messager messager;
  private PipelineHandler handler;
  private boolean verbose;

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
    verbose = verbose(env.getOptions());
    ConfigLocator.Located located = ConfigLocator.locate(env.getOptions(), env.getFiler());
    handler =
        new PipelineHandler(
            new PipelineValidator(env.getTypeUtils()),
            new ModelBuilder(env.getElementUtils()),
            new OutputWriter(env.getFiler()),
            new ConfigSource(located, reader),
            env.getElementUtils());
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Annotations.PIPELINE, Annotations.STEP);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(ConfigLocator.OPTION, VERBOSE);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      List<TypeElement> pipelines =
          new ArrayList<>(ElementFilter.typesIn(annotatedWith(round, Annotations.PIPELINE)));
      pipelines.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
      for (TypeElement type : pipelines) {
        report(type, r -> handler.handle(type, r));
      }
      for (ExecutableElement method :
          ElementFilter.methodsIn(annotatedWith(round, Annotations.STEP))) {
        report(method, r -> handler.checkStepOutsidePipeline(method, r));
      }
      if (round.processingOver()) {
        report(null, handler::writeRegistry);
      }
    } catch (RuntimeException | LinkageError | AssertionError e) {
      report(
          null,
          r -> {
            throw e;
          });
    }
    return false;
  }

  /**
   * Runs {@code work} on a new report about {@code subject} and prints the report once, with a
   * failure of the work as an internal error after what was found before it.
   */
  private void report(Element subject, Consumer<Report> work) {
    Report report = new Report(subject);
    try {
      work.accept(report);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      report.internalError(e);
    }
    report.printTo(messager, verbose);
  }

  /** {@code -Aesteira.verbose}, with no value or any value but {@code false}. */
  private static boolean verbose(Map<String, String> options) {
    return options.containsKey(VERBOSE) && !"false".equalsIgnoreCase(options.get(VERBOSE));
  }

  private Set<? extends Element> annotatedWith(RoundEnvironment round, String annotation) {
    TypeElement type = processingEnv.getElementUtils().getTypeElement(annotation);
    return type == null ? Set.of() : round.getElementsAnnotatedWith(type);
  }
}
