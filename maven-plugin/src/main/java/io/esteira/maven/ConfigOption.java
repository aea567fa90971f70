package io.esteira.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The {@code config.yaml} the project names with the processor's option {@code
 * -Aesteira.config=PATH} in maven-compiler-plugin's configuration ({@code compilerArgs} or {@code
 * compilerArgument}, of the plugin or of its {@code default-compile} execution), resolved as the
 * processor resolves it. Without the option the processor searches from the class output, and the
 * record of its last run says where it found the file or where it looked.
 */
final class ConfigOption {

  static final String COMPILER = "org.apache.maven.plugins:maven-compiler-plugin";
  static final String PREFIX = "-Aesteira.config=";

  private ConfigOption() {}

  static Optional<Path> of(MavenProject project) {
    Plugin compiler = project.getBuild().getPluginsAsMap().get(COMPILER);
    if (compiler == null) {
      return Optional.empty();
    }
    List<Xpp3Dom> configurations = new ArrayList<>();
    for (PluginExecution execution : compiler.getExecutions()) {
      if (execution.getId().equals("default-compile")
          && execution.getConfiguration() instanceof Xpp3Dom dom) {
        configurations.add(dom);
      }
    }
    if (compiler.getConfiguration() instanceof Xpp3Dom dom) {
      configurations.add(dom);
    }
    for (Xpp3Dom configuration : configurations) {
      Optional<String> value = find(configuration);
      if (value.isPresent()) {
        // As the processor does: javac runs inside Maven, so a relative path is Maven's.
        return Optional.of(Path.of(value.get()).toAbsolutePath().normalize());
      }
    }
    return Optional.empty();
  }

  /** The option's value among {@code compilerArgs/arg} and {@code compilerArgument}. */
  static Optional<String> find(Xpp3Dom configuration) {
    List<String> args = new ArrayList<>();
    Xpp3Dom list = configuration.getChild("compilerArgs");
    if (list != null) {
      for (Xpp3Dom arg : list.getChildren()) {
        if (arg.getValue() != null) {
          args.add(arg.getValue().strip());
        }
      }
    }
    Xpp3Dom single = configuration.getChild("compilerArgument");
    if (single != null && single.getValue() != null) {
      args.addAll(List.of(single.getValue().strip().split("\\s+")));
    }
    return args.stream()
        .filter(a -> a.startsWith(PREFIX) && a.length() > PREFIX.length())
        .map(a -> a.substring(PREFIX.length()))
        .reduce((first, last) -> last);
  }
}
