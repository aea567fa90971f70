package io.esteira.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs of a freshly built project start at once and both copy its class output into the shared
 * cache: the second to finish finds the first one's copy where its own should go, and takes it.
 */
class ClasspathSnapshotTest {

  @TempDir Path dir;

  @Test
  void aCopyMovedOntoOneAnotherRunnerFilledIsTakenAsThatOne() throws Exception {
    Path target = dir.resolve("cache/abc/classes");
    Files.createDirectories(target);
    Files.writeString(target.resolve("A.class"), "a");
    Path temporary = dir.resolve("cache/.tmp-1");
    Files.createDirectories(temporary);
    Files.writeString(temporary.resolve("A.class"), "a");

    ClasspathSnapshot.moveInto(temporary, target);

    assertThat(target.resolve("A.class")).hasContent("a");
  }

  @Test
  void aFailedMoveWithNothingAtTheTargetIsStillAFailure() throws Exception {
    Path temporary = dir.resolve("cache/.tmp-1");
    Files.createDirectories(temporary);
    Files.writeString(temporary.resolve("A.class"), "a");
    // The target's parent is a file: nothing can be renamed there, and no copy is there either.
    Files.writeString(dir.resolve("cache/abc"), "not a directory");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ClasspathSnapshot.moveInto(temporary, dir.resolve("cache/abc/classes")))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void twoSnapshotsOfTheSameFreshBuildAtOnceBothSucceed() throws Exception {
    Path classes = dir.resolve("project/target/classes");
    for (int i = 0; i < 200; i++) {
      Path file = classes.resolve("p" + (i % 10)).resolve("C" + i + ".class");
      Files.createDirectories(file.getParent());
      Files.writeString(file, "class " + i);
    }
    Path jar = dir.resolve("project/target/app.jar");
    Files.writeString(jar, "not really a jar");
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        Path runsRoot = dir.resolve("runs-" + round);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<ClasspathSnapshot.Taken>> taken = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          taken.add(
              threads.submit(
                  () -> {
                    start.await();
                    return ClasspathSnapshot.take(
                        List.of(classes, jar), runsRoot, new ArrayList<>());
                  }));
        }
        ClasspathSnapshot.Taken first = taken.get(0).get();
        ClasspathSnapshot.Taken second = taken.get(1).get();
        assertThat(second.codeHash()).isEqualTo(first.codeHash());
        assertThat(second.cachedClasspath()).isEqualTo(first.cachedClasspath());
        assertThat(first.cachedClasspath().get(0).resolve("p3/C13.class")).hasContent("class 13");
        try (var left = Files.list(runsRoot.resolve(ClasspathSnapshot.CACHE))) {
          // No temporary copy is left behind by the runner that lost the race.
          assertThat(left.map(p -> p.getFileName().toString()))
              .noneMatch(name -> name.startsWith(".tmp-"));
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
