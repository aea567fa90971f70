package io.esteira.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * Run directories under the runs root: {@code <runs root>/<run id>/} holding {@code run.json},
 * {@code logs/<step>.<attempt>.log}, {@code artifacts/} (the run's store) and {@code work/} (the
 * attempts' work directories). A run id is its UTC start time and four random hex digits ({@code
 * 20261126-224501-a3f2}), so ids sort by start time.
 */
public final class RunDirectories {

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The length of an id's time part, {@code 20261126-224501}. */
  private static final int ID_TIME_LENGTH = "yyyyMMdd-HHmmss".length();

  private RunDirectories() {}

  /** Makes a new run directory with a fresh id and returns its path (its name is the id). */
  static Path create(Path runsRoot, Instant now, RandomGenerator random) throws IOException {
    Files.createDirectories(runsRoot);
    while (true) {
      String id =
          ID_TIME.format(now) + "-" + String.format(Locale.ROOT, "%04x", random.nextInt(0x10000));
      try {
        Path directory = Files.createDirectory(runsRoot.resolve(id));
        Files.createDirectory(directory.resolve("logs"));
        return directory;
      } catch (FileAlreadyExistsException e) {
        // Two runs in one second drew the same digits; draw again.
      }
    }
  }

  /** The ids of the runs under {@code runsRoot}, oldest first. */
  public static List<String> runIds(Path runsRoot) {
    if (!Files.isDirectory(runsRoot)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(runsRoot)) {
      return entries
          .filter(p -> Files.isRegularFile(p.resolve(RunJson.FILE)))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * The newest run under {@code runsRoot}, or empty when there is none. Ids sort by their start
   * second only (the four hex digits after it are random), so among the runs of the newest second
   * the one whose record started last wins.
   */
  public static Optional<String> latest(Path runsRoot) {
    List<String> ids = runIds(runsRoot);
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    String newest = ids.get(ids.size() - 1);
    String second = newest.substring(0, Math.min(newest.length(), ID_TIME_LENGTH));
    String best = newest;
    Instant bestStart = Instant.MIN;
    for (String id : ids) {
      if (!id.startsWith(second)) {
        continue;
      }
      try {
        Instant started = RunJson.read(runsRoot.resolve(id).resolve(RunJson.FILE)).startedAt();
        if (started.isAfter(bestStart)) {
          best = id;
          bestStart = started;
        }
      } catch (IOException | IllegalArgumentException e) {
        // Not readable: it cannot be resumed anyway; the id order decides.
      }
    }
    return Optional.of(best);
  }

  /**
   * The one shared work directory of a run made with {@code --shared-work-dir}: {@code work/} in
   * its own directory, or, for a run that resumed another, the work directory of the run it resumed
   * (followed to the first run), so a resumed step finds what the reused steps wrote. Runs with a
   * fresh directory per attempt hand data over through the store instead.
   */
  public static Path workDirectory(Path runsRoot, RunRecord record) {
    RunRecord current = record;
    for (int hops = 0; current.resumedFrom() != null && hops < 1000; hops++) {
      Path previous = runsRoot.resolve(current.resumedFrom()).resolve(RunJson.FILE);
      try {
        current = RunJson.read(previous);
      } catch (IOException | IllegalArgumentException e) {
        return runsRoot.resolve(current.resumedFrom()).resolve("work");
      }
    }
    return runsRoot.resolve(current.runId()).resolve("work");
  }

  /**
   * Whether the run in {@code runDirectory}, whose {@code run.json} still says {@code RUNNING}, has
   * no runner any more ({@code runner.pid} is gone or names a process that is not its runner): the
   * runner was killed or the machine stopped. Such a run is interrupted; {@code --resume} marks it.
   * False for a run that is not {@code RUNNING}.
   */
  public static boolean runnerGone(Path runDirectory, RunRecord record) {
    return record.status() == RunRecord.RunStatus.RUNNING
        && RunnerLock.alive(runDirectory).isEmpty();
  }
}
