package io.esteira.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.junit.jupiter.api.Test;

/** The class path file has build-classpath's format: runtime scope, Maven's order, one line. */
class ClasspathRenderTest {

  private static Artifact artifact(String name, String scope) {
    DefaultArtifact artifact =
        new DefaultArtifact("g", name, "1", scope, "jar", null, new DefaultArtifactHandler("jar"));
    artifact.setFile(Path.of("/repo", name + ".jar").toFile());
    return artifact;
  }

  @Test
  void compileAndRuntimeDependenciesInOrderJoinedWithThePathSeparator() {
    Set<Artifact> artifacts = new LinkedHashSet<>();
    for (Artifact a :
        List.of(
            artifact("z-api", "compile"),
            artifact("provided", "provided"),
            artifact("a-s3", "runtime"),
            artifact("junit", "test"))) {
      artifacts.add(a);
    }

    assertThat(ClasspathMojo.render(artifacts))
        .isEqualTo(
            new File("/repo/z-api.jar").getAbsolutePath()
                + File.pathSeparator
                + new File("/repo/a-s3.jar").getAbsolutePath());
  }

  @Test
  void noDependencyIsAnEmptyFile() {
    assertThat(ClasspathMojo.render(Set.of())).isEmpty();
  }
}
