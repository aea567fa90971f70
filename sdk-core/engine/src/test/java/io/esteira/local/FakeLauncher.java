package io.esteira.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Attempts that take simulated time on a {@link FakeClock}: each step follows a script of attempts
 * (how long, and whether it succeeds; a step with no script succeeds after one second), and a
 * killed attempt ends at once. Keeps the trace of what ran when.
 */
final class FakeLauncher implements AttemptLauncher {

  /** One scripted attempt; {@code seconds < 0} runs until killed. */
  record Script(double seconds, boolean succeeds) {
    static Script ok(double seconds) {
      return new Script(seconds, true);
    }

    static Script fail(double seconds) {
      return new Script(seconds, false);
    }

    static Script hang() {
      return new Script(-1, false);
    }
  }

  /** What ran: step, attempt, start and end in simulated seconds, and whether it was killed. */
  record Trace(String step, int attempt, double start, double end, boolean killed) {}

  private final FakeClock clock;
  private final Map<String, List<Script>> scripts = new HashMap<>();
  private final List<Trace> trace = new ArrayList<>();

  FakeLauncher(FakeClock clock) {
    this.clock = clock;
  }

  FakeLauncher script(String step, Script... attempts) {
    scripts.put(step, List.of(attempts));
    return this;
  }

  List<Trace> trace() {
    return List.copyOf(trace);
  }

  @Override
  public Running start(Attempt attempt, Consumer<Ended> onEnd) {
    List<Script> list = scripts.getOrDefault(attempt.step().id(), List.of(Script.ok(1)));
    Script script = list.get(Math.min(attempt.number() - 1, list.size() - 1));
    double start = clock.seconds();
    boolean[] ended = new boolean[1];
    if (script.seconds() >= 0) {
      clock.schedule(
          Duration.ofMillis(Math.round(script.seconds() * 1000)).toNanos(),
          () -> {
            if (!ended[0]) {
              ended[0] = true;
              trace.add(
                  new Trace(attempt.step().id(), attempt.number(), start, clock.seconds(), false));
              onEnd.accept(
                  new Ended(
                      script.succeeds(),
                      script.succeeds() ? 0 : 1,
                      script.succeeds() ? null : "java.lang.IllegalStateException: scripted"));
            }
          });
    }
    return () -> {
      if (!ended[0]) {
        ended[0] = true;
        trace.add(new Trace(attempt.step().id(), attempt.number(), start, clock.seconds(), true));
        onEnd.accept(new Ended(false, 143, null));
      }
    };
  }
}
