package io.esteira;

import io.esteira.core.testing.PackageCycles;
import io.esteira.deploy.DeployService;
import org.junit.jupiter.api.Test;

/**
 * No two of sdk-aws's packages depend on each other, directly or through others: a package can then
 * be read, tested and moved with only what is below it. The dependencies are those of the compiled
 * main classes, as the JDK's {@code jdeps} reports them ({@link PackageCycles}, which the engine's
 * own cycle test also uses and tests).
 */
class PackageCycleTest {

  @Test
  void mainPackagesFormNoCycle() {
    PackageCycles.assertNone("io.esteira", PackageCycles.classRoot(DeployService.class));
  }
}
