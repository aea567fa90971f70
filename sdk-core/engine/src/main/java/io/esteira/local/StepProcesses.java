package io.esteira.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds and stops what is left of a step: every process of its session, and every process whose
 * environment carries its marker (the run id, step and attempt the runner gave it), wherever it
 * went. A step's process starts its own session (through {@code setsid}), so what it puts in the
 * background stays in that session after the step's shell exits and is no longer its descendant; a
 * process that starts a session of its own ({@code setsid sleep 1 &}) still carries the variables
 * it inherited. Both are read from {@code /proc} (Linux); elsewhere only the step's descendants are
 * found, and a process that outlives its parent is not.
 *
 * <p>What escapes: a process that drops or rewrites its environment and leaves the session ({@code
 * setsid env -i sleep 1 &}), or runs as another user. A container would kill those too; a cgroup
 * could, but needs delegation a laptop rarely gives without native code.
 */
final class StepProcesses {

  /** Whether this machine has a {@code /proc} to read sessions and environments from. */
  static final boolean PROC = Files.isReadable(Path.of("/proc/self/stat"));

  private StepProcesses() {}

  /**
   * The live processes, other than this JVM and its ancestors, in session {@code session} (when not
   * negative) or whose environment holds every entry of {@code marker}.
   */
  static List<ProcessHandle> find(long session, Map<String, String> marker) {
    if (!PROC) {
      return List.of();
    }
    Set<Long> spared = new HashSet<>();
    for (ProcessHandle p = ProcessHandle.current(); p != null; p = p.parent().orElse(null)) {
      spared.add(p.pid());
    }
    List<String> entries =
        marker.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    List<ProcessHandle> found = new ArrayList<>();
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      all.filter(p -> !spared.contains(p.pid()))
          .filter(p -> session >= 0 && session(p.pid()) == session || carries(p.pid(), entries))
          .filter(ProcessHandle::isAlive)
          .forEach(found::add);
    }
    return found;
  }

  /**
   * Kills ({@code SIGKILL}) every process {@link #find} finds, again until none is found or {@code
   * seconds} pass, and returns how many it killed. A process forked while the others die is found
   * by the next pass.
   */
  static int killAll(long session, Map<String, String> marker, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Set<Long> killed = new HashSet<>();
    while (System.nanoTime() < deadline) {
      List<ProcessHandle> left = find(session, marker);
      if (left.isEmpty()) {
        break;
      }
      left.forEach(ProcessHandle::destroyForcibly);
      left.forEach(p -> killed.add(p.pid()));
      awaitExit(left, deadline);
    }
    return killed.size();
  }

  /** Waits until each of {@code handles} has exited, or {@code deadline} ({@code nanoTime}). */
  static void awaitExit(List<ProcessHandle> handles, long deadline) {
    try {
      CompletableFuture.allOf(
              handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Some still run at the deadline; the caller looks again.
    }
  }

  /** The session id of process {@code pid}, or -1 when it cannot be read (gone, not Linux). */
  static long session(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // pid (comm) state ppid pgrp session ...; comm may hold spaces and parentheses.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // A zombie has exited already: nothing to kill.
      return fields[0].equals("Z") ? -1 : Long.parseLong(fields[3]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static boolean carries(long pid, List<String> entries) {
    if (entries.isEmpty()) {
      return false;
    }
    byte[] environ;
    try {
      environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
    } catch (IOException | RuntimeException e) {
      // Gone, or another user's: not one of ours.
      return false;
    }
    Set<String> variables =
        new HashSet<>(Arrays.asList(new String(environ, StandardCharsets.UTF_8).split("\0")));
    return variables.containsAll(entries);
  }
}
