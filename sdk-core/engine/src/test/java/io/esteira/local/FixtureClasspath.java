package io.esteira.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This test JVM's class path plus a directory registering {@link FixtureDispatcher} as a {@code
 * StepDispatcher} service: what a built project's class path is to the runner.
 */
final class FixtureClasspath {

  private FixtureClasspath() {}

  /** The class path, with the service registration written under {@code directory}. */
  static List<Path> create(Path directory) {
    try {
      Path services = directory.resolve("META-INF/services");
      Files.createDirectories(services);
      Files.writeString(
          services.resolve("io.esteira.runtime.StepDispatcher"),
          FixtureDispatcher.class.getName() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Path> path = new ArrayList<>();
    path.add(directory);
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        path.add(Path.of(entry));
      }
    }
    return path;
  }

  /** A class loader that sees the registration (and loads the rest from this JVM's). */
  static ClassLoader loader(Path directory) {
    create(directory);
    try {
      return new URLClassLoader(
          new URL[] {directory.toUri().toURL()}, FixtureClasspath.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
