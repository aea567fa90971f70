package io.esteira.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.project.MavenProject;

/**
 * Makes the compiler run again when the artifacts in the class output were not written from the
 * {@code config.yaml} this build reads. maven-compiler-plugin decides what to compile from the Java
 * sources alone: when only {@code config.yaml} changed it finds nothing to compile, the annotation
 * processor does not run, and the old artifacts stay (an invalid {@code config.yaml} even passes).
 * This goal compares the file with the hash the processor recorded ({@code inputs.json}) and, when
 * they differ, removes what tells the compiler the module is up to date: its record of the inputs
 * ({@code maven-status/.../inputFiles.lst}, which makes it compile the whole module) and the
 * pipeline's class file (which makes it compile that source even with incremental compilation off).
 * When they match it does nothing, so a build with no change stays incremental.
 */
@Mojo(name = "check-config", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class CheckConfigMojo extends EsteiraMojo {

  /** The compiler's records under the build directory. */
  static final String COMPILER_STATUS = "maven-status/maven-compiler-plugin/compile";

  static final String INPUT_FILES = "inputFiles.lst";

  @Override
  void run(Path classes) throws MojoFailureException {
    Path build = Path.of(project.getBuild().getDirectory());
    try {
      List<BuiltState.Finding> findings = findings(classes);
      if (findings.isEmpty()) {
        getLog().debug("The artifacts in " + classes + " match config.yaml");
        return;
      }
      Set<String> projects = new LinkedHashSet<>();
      for (BuiltState.Finding finding : findings) {
        finding.project().ifPresent(projects::add);
        if (finding.pipelineClass().isPresent()) {
          Files.deleteIfExists(finding.pipelineClass().get());
        }
      }
      forgetCompilerInputs(build);
      BuiltState.Finding first = findings.get(0);
      getLog()
          .info(
              MavenMessage.MAVEN_CONFIG_CHANGED.render(
                  first.detail(),
                  projects.isEmpty() ? "this module" : String.join(", ", projects)));
    } catch (IOException e) {
      throw new MojoFailureException(
          MavenMessage.MAVEN_UNREADABLE_RECORD.render(classes, e.toString()));
    }
  }

  /** Deletes the compiler's record of its inputs, for every execution of its compile goal. */
  static void forgetCompilerInputs(Path build) throws IOException {
    Path status = build.resolve(COMPILER_STATUS);
    if (!Files.isDirectory(status)) {
      return;
    }
    List<Path> executions;
    try (Stream<Path> children = Files.list(status)) {
      executions = children.filter(Files::isDirectory).toList();
    }
    for (Path execution : executions) {
      Files.deleteIfExists(execution.resolve(INPUT_FILES));
    }
  }

  /** For tests: a mojo on {@code project}. */
  static CheckConfigMojo on(MavenProject project) {
    CheckConfigMojo mojo = new CheckConfigMojo();
    mojo.project = project;
    return mojo;
  }
}
