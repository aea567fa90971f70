package io.esteira.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

/** The processor's {@code -Aesteira.config} option, wherever a pom can pass it to javac. */
class ConfigOptionTest {

  private static Xpp3Dom dom(String xml) throws Exception {
    return Xpp3DomBuilder.build(new StringReader(xml));
  }

  private static MavenProject project(Xpp3Dom configuration, Xpp3Dom defaultCompile) {
    Plugin compiler = new Plugin();
    compiler.setGroupId("org.apache.maven.plugins");
    compiler.setArtifactId("maven-compiler-plugin");
    compiler.setConfiguration(configuration);
    if (defaultCompile != null) {
      PluginExecution execution = new PluginExecution();
      execution.setId("default-compile");
      execution.setConfiguration(defaultCompile);
      compiler.addExecution(execution);
    }
    Model model = new Model();
    model.setBuild(new Build());
    model.getBuild().addPlugin(compiler);
    return new MavenProject(model);
  }

  @Test
  void readsCompilerArgs() throws Exception {
    Xpp3Dom configuration =
        dom(
            "<configuration><compilerArgs><arg>-Xlint</arg>"
                + "<arg>-Aesteira.config=/p/conf/config.yaml</arg></compilerArgs></configuration>");

    assertThat(ConfigOption.of(project(configuration, null)))
        .contains(Path.of("/p/conf/config.yaml"));
  }

  @Test
  void readsCompilerArgument() throws Exception {
    Xpp3Dom configuration =
        dom(
            "<configuration><compilerArgument>-Xlint -Aesteira.config=/a.yaml</compilerArgument></configuration>");

    assertThat(ConfigOption.find(configuration)).contains("/a.yaml");
  }

  @Test
  void theDefaultCompileExecutionWins() throws Exception {
    Xpp3Dom plugin =
        dom(
            "<configuration><compilerArgs><arg>-Aesteira.config=/p.yaml</arg></compilerArgs></configuration>");
    Xpp3Dom execution =
        dom(
            "<configuration><compilerArgs><arg>-Aesteira.config=/e.yaml</arg></compilerArgs></configuration>");

    assertThat(ConfigOption.of(project(plugin, execution))).contains(Path.of("/e.yaml"));
  }

  @Test
  void withoutTheOptionThereIsNone() throws Exception {
    assertThat(
            ConfigOption.of(
                project(dom("<configuration><release>17</release></configuration>"), null)))
        .isEmpty();
    assertThat(ConfigOption.of(new MavenProject(new Model()))).isEmpty();
  }
}
