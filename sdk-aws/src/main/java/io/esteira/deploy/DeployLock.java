package io.esteira.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.reconcile.DeployNames;
import io.esteira.diagnostics.Diagnostic;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The lock that keeps two deploys of one project in one environment from changing it at once: an
 * SSM parameter ({@link DeployNames#lockParameter()}) created with overwrite off, which SSM does
 * atomically, so of two deploys racing exactly one creates it. It holds who deploys, since when,
 * and which commit, for the message the other one prints.
 *
 * <p>Taken only when the plan shows a change (a no-op redeploy calls nothing that changes AWS),
 * released in a {@code finally}. While held, a JVM shutdown hook releases it too, so a deploy
 * stopped by SIGTERM or Ctrl-C (a cancelled or timed-out CI job) does not block every later deploy;
 * the hook deletes the parameter only while it still holds what this deploy wrote, each call
 * bounded by {@link #EXIT_CALL_TIMEOUT} so an unreachable AWS cannot keep the JVM from exiting, and
 * tells the listener what it did. SSM has no conditional delete, so between the hook's read and its
 * delete another deploy could in principle take a lock released in that instant; the window is one
 * round trip.
 *
 * <p>A deploy killed outright (SIGKILL, a lost machine) still leaves the lock. The refusal names
 * its holder and since when, calls it stale once older than {@link #STALE_AFTER} (longer than a
 * deploy takes), and says how to remove it. It never removes another holder's lock itself: a
 * deploy's clock or a slow deploy could make a live lock look stale, and two deploys changing one
 * project at once is worse than one person deleting a parameter.
 */
final class DeployLock implements AutoCloseable {

  /** How old a lock is called stale in the refusal: longer than any deploy takes. */
  static final Duration STALE_AFTER = Duration.ofHours(2);

  /** The bound on each AWS call of the shutdown hook. */
  static final Duration EXIT_CALL_TIMEOUT = Duration.ofSeconds(5);

  private final SsmClient ssm;
  private final String parameter;
  private final String value;
  private final String region;
  private final DeployListener listener;
  private final AtomicBoolean released = new AtomicBoolean();
  private final Thread hook;

  private DeployLock(
      SsmClient ssm, String parameter, String value, String region, DeployListener listener) {
    this.ssm = ssm;
    this.parameter = parameter;
    this.value = value;
    this.region = region;
    this.listener = listener;
    this.hook = new Thread(this::releaseOnExit, "esteira-deploy-lock");
  }

  /** Thrown when another deploy holds the lock; carries the message to print. */
  static final class HeldException extends RuntimeException {
    private final transient Diagnostic diagnostic;

    HeldException(Diagnostic diagnostic) {
      super(diagnostic.render());
      this.diagnostic = diagnostic;
    }

    Diagnostic diagnostic() {
      return diagnostic;
    }
  }

  /**
   * Takes the project's lock, or throws {@link HeldException} naming its holder; {@code listener}
   * hears if the JVM exits while the lock is held.
   */
  static DeployLock take(
      DeployContext context, Map<String, String> env, Clock clock, DeployListener listener) {
    SsmClient ssm = context.aws().ssm();
    String parameter = context.names().lockParameter();
    ObjectNode holder = Json.mapper().createObjectNode();
    holder.put("holder", holder(env));
    holder.put("since", Instant.now(clock).toString());
    holder.put("commit", context.commit());
    String value = Json.writeCompact(holder).strip();
    try {
      ssm.putParameter(
          r ->
              r.name(parameter)
                  .type("String")
                  .overwrite(false)
                  .description("Esteira deploy in progress; delete it only if that deploy died")
                  .value(value));
    } catch (ParameterAlreadyExistsException e) {
      throw new HeldException(
          refusal(
              context.project().name(),
              context.project().environment(),
              parameter,
              context.region(),
              read(ssm, parameter),
              Instant.now(clock)));
    }
    DeployLock lock = new DeployLock(ssm, parameter, value, context.region(), listener);
    try {
      Runtime.getRuntime().addShutdownHook(lock.hook);
    } catch (IllegalStateException e) {
      // The JVM is already exiting: give the lock back at once.
      lock.close();
      throw e;
    }
    return lock;
  }

  /**
   * The refusal for the lock {@code parameter} in {@code region} holding {@code held}, at {@code
   * now}.
   */
  static Diagnostic refusal(
      String project,
      String environment,
      String parameter,
      String region,
      JsonNode held,
      Instant now) {
    String since = held.path("since").asText("an unknown time");
    return Diagnostic.error(
        DeployMessage.DEPLOY_LOCKED,
        null,
        project,
        environment,
        held.path("holder").asText("an unknown deploy")
            + (held.path("commit").asText("").isEmpty()
                ? ""
                : " (commit " + held.path("commit").asText() + ")"),
        since,
        stale(since, now)
            ? " (stale: older than "
                + STALE_AFTER.toHours()
                + " hours, longer than a deploy takes; it most likely died)"
            : "",
        parameter,
        region);
  }

  private static boolean stale(String since, Instant now) {
    try {
      return Instant.parse(since).plus(STALE_AFTER).isBefore(now);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The command that removes a lock by hand. */
  static String removeCommand(String parameter, String region) {
    return "aws ssm delete-parameter --name " + parameter + " --region " + region;
  }

  private static JsonNode read(SsmClient ssm, String parameter) {
    try {
      return Json.mapper().readTree(ssm.getParameter(r -> r.name(parameter)).parameter().value());
    } catch (ParameterNotFoundException | com.fasterxml.jackson.core.JsonProcessingException e) {
      // Released between the two calls, or written by hand: the message still names the lock.
      return Json.mapper().createObjectNode();
    }
  }

  /**
   * Who deploys: the GitHub Actions run when there is one (its actor and run link), else the user
   * at this host.
   */
  static String holder(Map<String, String> env) {
    String runId = env.get("GITHUB_RUN_ID");
    if (runId != null && !runId.isBlank()) {
      String repository = env.getOrDefault("GITHUB_REPOSITORY", "");
      String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
      return env.getOrDefault("GITHUB_ACTOR", "GitHub Actions")
          + " in "
          + server
          + "/"
          + repository
          + "/actions/runs/"
          + runId;
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "an unknown host";
    }
    return Optional.ofNullable(System.getProperty("user.name")).orElse("someone") + "@" + host;
  }

  @Override
  public void close() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is exiting and the hook may be running; it no longer releases (released is set).
    }
    try {
      ssm.deleteParameter(r -> r.name(parameter));
    } catch (ParameterNotFoundException e) {
      // Someone removed it by hand: nothing left to release.
    }
  }

  /**
   * The shutdown hook: releases the lock if this deploy still holds it, and says what it did. Runs
   * only when the JVM exits before {@link #close()}, as on SIGTERM or Ctrl-C.
   */
  void releaseOnExit() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    String said;
    try {
      String now =
          ssm.getParameter(r -> r.name(parameter).overrideConfiguration(Exit::bounded))
              .parameter()
              .value();
      if (now.equals(value)) {
        ssm.deleteParameter(r -> r.name(parameter).overrideConfiguration(Exit::bounded));
        said = "deploy interrupted; released the lock " + parameter;
      } else {
        said = "deploy interrupted; the lock " + parameter + " names another deploy, left as it is";
      }
    } catch (ParameterNotFoundException e) {
      said = "deploy interrupted; the lock " + parameter + " was already removed";
    } catch (SdkException e) {
      said =
          "deploy interrupted; could not release the lock "
              + parameter
              + " ("
              + e.getMessage()
              + "); remove it with: "
              + removeCommand(parameter, region);
    }
    listener.interrupted(said);
  }

  /** The shutdown hook's bound on each call. */
  private static final class Exit {
    private Exit() {}

    static void bounded(AwsRequestOverrideConfiguration.Builder config) {
      config.apiCallTimeout(EXIT_CALL_TIMEOUT);
    }
  }
}
