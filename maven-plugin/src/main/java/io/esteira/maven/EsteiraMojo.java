package io.esteira.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the plugin's goals share: the project, {@code -Desteira.skip}, and the comparison of the
 * artifacts in the class output with the {@code config.yaml} this build reads ({@link BuiltState}).
 */
abstract class EsteiraMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** Skips the goal. */
  @Parameter(property = "esteira.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public final void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("Skipping: esteira.skip is set");
      return;
    }
    run(Path.of(project.getBuild().getOutputDirectory()));
  }

  /** The goal's work, on the project's class output. */
  abstract void run(Path classes) throws MojoFailureException;

  /** Where the artifacts in {@code classes} differ from what this build's config.yaml says. */
  final List<BuiltState.Finding> findings(Path classes) throws IOException {
    return BuiltState.check(
        classes,
        ConfigOption.of(project),
        project.getCompileSourceRoots().stream().map(Path::of).toList());
  }
}
