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
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
 * released in a {@code finally}. A deploy killed before its {@code finally} leaves the lock behind;
 * the refusal says how to remove it, since only a person knows the holder is gone.
 */
final class DeployLock implements AutoCloseable {

  private final SsmClient ssm;
  private final String parameter;

  private DeployLock(SsmClient ssm, String parameter) {
    this.ssm = ssm;
    this.parameter = parameter;
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

  /** Takes the project's lock, or throws {@link HeldException} naming its holder. */
  static DeployLock take(DeployContext context, Map<String, String> env, Clock clock) {
    SsmClient ssm = context.aws().ssm();
    String parameter = context.names().lockParameter();
    ObjectNode holder = Json.mapper().createObjectNode();
    holder.put("holder", holder(env));
    holder.put("since", Instant.now(clock).toString());
    holder.put("commit", context.commit());
    try {
      ssm.putParameter(
          r ->
              r.name(parameter)
                  .type("String")
                  .overwrite(false)
                  .description("Esteira deploy in progress; delete it only if that deploy died")
                  .value(Json.writeCompact(holder).strip()));
      return new DeployLock(ssm, parameter);
    } catch (ParameterAlreadyExistsException e) {
      JsonNode held = read(ssm, parameter);
      throw new HeldException(
          Diagnostic.error(
              DeployMessage.DEPLOY_LOCKED,
              null,
              context.project().name(),
              context.project().environment(),
              held.path("holder").asText("an unknown deploy")
                  + (held.path("commit").asText("").isEmpty()
                      ? ""
                      : " (commit " + held.path("commit").asText() + ")"),
              held.path("since").asText("an unknown time"),
              parameter));
    }
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
    try {
      ssm.deleteParameter(r -> r.name(parameter));
    } catch (ParameterNotFoundException e) {
      // Someone removed it by hand: nothing left to release.
    }
  }
}
