package io.esteira.maven;

import io.esteira.core.project.BuildInputs;
import io.esteira.core.project.BuiltProject;
import io.esteira.local.ProjectClasspath;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * After the compiler: writes the runtime class path that {@code esteira run} and the image builder
 * read ({@code target/esteira-classpath.txt}: the absolute paths of the compile and runtime
 * dependencies, joined with the platform's path separator, in Maven's order, as the
 * maven-dependency-plugin's {@code build-classpath} goal writes them), and checks that the
 * artifacts were written from the {@code config.yaml} this build read. If they were not (the
 * annotation processor did not run), the build fails saying why, so a build never ends with stale
 * artifacts.
 */
@Mojo(
    name = "classpath",
    defaultPhase = LifecyclePhase.PROCESS_CLASSES,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public final class ClasspathMojo extends EsteiraMojo {

  @Override
  void run(Path classes) throws MojoFailureException {
    verify(classes);
    Path file = Path.of(project.getBuild().getDirectory()).resolve(ProjectClasspath.CLASSPATH_FILE);
    String text = render(project.getArtifacts());
    try {
      if (Files.isRegularFile(file)
          && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
        getLog().debug(file + " is current");
        return;
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      getLog().debug("Wrote " + file);
    } catch (IOException e) {
      throw new MojoFailureException(
          MavenMessage.MAVEN_CLASSPATH_WRITE_FAILED.render(file, e.toString()));
    }
  }

  /** Fails unless every project's artifacts record the config.yaml this build read. */
  private void verify(Path classes) throws MojoFailureException {
    List<BuiltState.Finding> findings;
    try {
      findings = findings(classes);
    } catch (IOException e) {
      throw new MojoFailureException(
          MavenMessage.MAVEN_UNREADABLE_RECORD.render(classes, e.toString()));
    }
    if (findings.isEmpty()) {
      return;
    }
    BuiltState.Finding first = findings.get(0);
    String message =
        switch (first.kind()) {
          case CHANGED -> MavenMessage.MAVEN_ARTIFACTS_STALE.render(first.where(), first.detail());
          case UNRECORDED ->
              MavenMessage.MAVEN_UNRECORDED_ARTIFACTS.render(first.where(), BuildInputs.FILE);
          case UNREADABLE ->
              MavenMessage.MAVEN_UNREADABLE_RECORD.render(first.where(), first.detail());
          case MISSING ->
              MavenMessage.MAVEN_NO_ARTIFACTS.render(
                  first.where(), classes.resolve(BuiltProject.ARTIFACT_ROOT));
        };
    throw new MojoFailureException(message);
  }

  /**
   * The class path file's text: the files of the compile and runtime dependencies, absolute, joined
   * with the path separator, with no line end.
   */
  static String render(Set<Artifact> artifacts) {
    List<String> entries = new ArrayList<>();
    for (Artifact artifact : artifacts) {
      String scope = artifact.getScope();
      if (artifact.getFile() != null
          && (Artifact.SCOPE_COMPILE.equals(scope) || Artifact.SCOPE_RUNTIME.equals(scope))) {
        entries.add(artifact.getFile().getAbsolutePath());
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** For tests: a mojo on {@code project}. */
  static ClasspathMojo on(MavenProject project) {
    ClasspathMojo mojo = new ClasspathMojo();
    mojo.project = project;
    return mojo;
  }
}
