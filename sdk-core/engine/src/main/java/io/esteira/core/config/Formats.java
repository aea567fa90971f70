package io.esteira.core.config;

import io.esteira.core.generate.ecs.TransferScripts;
import io.esteira.core.model.MlflowSettings;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The formats of config.yaml's values: each check returns what is wrong, or empty when the value is
 * fine. The limits come from the AWS names the values end up in.
 */
final class Formats {

  private Formats() {}

  /** Longest project name: {@code ml-cluster-<name>} and the IAM role names stay under 64. */
  static final int MAX_PROJECT_NAME = 32;

  static final int MAX_VERSION = 64;
  static final int MAX_STEP_ID = 64;

  /** Longest name of a step's input or output (docs/config-reference.md). */
  static final int MAX_DATA_NAME = 200;

  private static final Pattern PROJECT_NAME = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern STEP_ID = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern DATA_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
  private static final Pattern SSM_NAME = Pattern.compile("/?[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*");
  private static final Pattern ARN =
      Pattern.compile("arn:(aws|aws-cn|aws-us-gov):([a-z0-9-]+):([a-z0-9-]*):([0-9]*):(.*)");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
  private static final Pattern SECRET_ID =
      Pattern.compile("secret:[A-Za-z0-9/_+=.@-]+(?::[^:]*:[^:]*:[^:]*)?");
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final List<String> STAGES = List.of("None", "Staging", "Production", "Archived");

  /** Sorted, so did-you-mean suggestions are stable. */
  static final Set<String> ZONES = new TreeSet<>(ZoneId.getAvailableZoneIds());

  /**
   * The characters AWS takes in a tag value, for every service a project is tagged in (AWS General
   * Reference, "Tagging AWS resources": letters, numbers, spaces representable in UTF-8, and {@code
   * _ . : / = + - @}).
   */
  private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+@-]*");

  /** What keeps {@code value} from being an AWS tag value, or empty when it can be one. */
  static Optional<String> tagValueProblem(String value) {
    if (value.length() > 256) {
      return Optional.of(value.length() + " characters, over 256");
    }
    String bad =
        value
            .codePoints()
            .filter(c -> !TAG_VALUE.matcher(new String(Character.toChars(c))).matches())
            .distinct()
            .mapToObj(c -> "'" + new String(Character.toChars(c)) + "'")
            .collect(java.util.stream.Collectors.joining(" "));
    return bad.isEmpty() ? Optional.empty() : Optional.of(bad);
  }

  static Optional<String> projectName(String name) {
    if (name.length() > MAX_PROJECT_NAME) {
      return Optional.of("is " + name.length() + " characters long");
    }
    if (name.length() < 2) {
      return Optional.of("is " + name.length() + " character long, and needs at least 2");
    }
    if (!PROJECT_NAME.matcher(name).matches()) {
      return Optional.of("is not lower-case letters, digits and hyphens");
    }
    if (RESERVED_CONTAINERS.contains(name)) {
      return Optional.of(
          "is the name of a container Esteira puts beside a step's in its task definition (the"
              + " step's container takes the project's name, and ECS refuses two of one name):"
              + " choose another name");
    }
    return Optional.empty();
  }

  /** The transfer containers' names, which a project's own container must not take. */
  private static final Set<String> RESERVED_CONTAINERS =
      Set.of(TransferScripts.INPUTS_CONTAINER, TransferScripts.OUTPUTS_CONTAINER);

  static Optional<String> version(String version) {
    if (version.length() > MAX_VERSION) {
      return Optional.of("is " + version.length() + " characters long");
    }
    if (!VERSION.matcher(version).matches()) {
      return Optional.of("has characters an image tag cannot hold");
    }
    return Optional.empty();
  }

  static Optional<String> stepId(String id) {
    if (id.length() > MAX_STEP_ID) {
      return Optional.of("is " + id.length() + " characters long");
    }
    if (!STEP_ID.matcher(id).matches()) {
      return Optional.of("is not lower-case letters, digits and underscores");
    }
    return Optional.empty();
  }

  /**
   * What is wrong with the name of a step's output (or the name part of an input): a relative path
   * whose segments are letters, digits, '.', '_' and '-', separated by '/'. A '.' or '..' segment
   * would let a name leave the work directory or the step's place in the store.
   */
  static Optional<String> dataName(String name) {
    if (name.isEmpty()) {
      return Optional.of("is empty");
    }
    if (name.length() > MAX_DATA_NAME) {
      return Optional.of("is " + name.length() + " characters long, over " + MAX_DATA_NAME);
    }
    if (name.startsWith("/")) {
      return Optional.of("starts with '/'");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty()) {
        return Optional.of(name.endsWith("/") ? "ends with '/'" : "has an empty segment ('//')");
      }
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of("has a '" + segment + "' segment");
      }
      if (!DATA_SEGMENT.matcher(segment).matches()) {
        return Optional.of("has characters other than letters, digits, '.', '_', '-' and '/'");
      }
    }
    return Optional.empty();
  }

  static boolean envVarName(String name) {
    return ENV_VAR.matcher(name).matches();
  }

  /** Whether a variable's name says its value is a secret. */
  static boolean looksSecret(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return upper.contains("PASSWORD")
        || upper.contains("TOKEN")
        || upper.contains("SECRET")
        || upper.endsWith("_KEY");
  }

  static boolean email(String address) {
    return address.length() <= 254 && EMAIL.matcher(address).matches();
  }

  static boolean timezone(String zone) {
    return ZONES.contains(zone);
  }

  /**
   * What is wrong with a {@code runtime.secrets} reference, as ECS's {@code valueFrom} takes it.
   */
  static Optional<String> secretReference(String ref) {
    if (!ref.startsWith("arn:")) {
      if (ref.length() > 2048 || !SSM_NAME.matcher(ref).matches()) {
        return Optional.of("it is neither an SSM parameter name nor an ARN");
      }
      String first = ref.startsWith("/") ? ref.substring(1) : ref;
      String lower = first.toLowerCase(Locale.ROOT);
      if (lower.startsWith("aws") || lower.startsWith("ssm")) {
        return Optional.of("SSM parameter names cannot start with 'aws' or 'ssm'");
      }
      return Optional.empty();
    }
    var arn = ARN.matcher(ref);
    if (!arn.matches()) {
      return Optional.of("it is not a well-formed ARN (arn:aws:<service>:<region>:<account>:...)");
    }
    String service = arn.group(2);
    if (!service.equals("ssm") && !service.equals("secretsmanager")) {
      return Optional.of(
          "ECS reads secrets from SSM Parameter Store and Secrets Manager only, not from "
              + service);
    }
    if (!REGION.matcher(arn.group(3)).matches() || arn.group(4).length() != 12) {
      return Optional.of("the ARN lacks its region or its 12-digit account id");
    }
    String resource = arn.group(5);
    if (service.equals("ssm")
        && !(resource.startsWith("parameter/")
            && SSM_NAME.matcher(resource.substring("parameter".length())).matches())) {
      return Optional.of("an SSM parameter ARN ends in parameter/<name>");
    }
    if (service.equals("secretsmanager") && !SECRET_ID.matcher(resource).matches()) {
      return Optional.of("a Secrets Manager ARN ends in secret:<name>");
    }
    return Optional.empty();
  }

  /**
   * A model requirement: a registry stage (any case, normalised) or {@code @alias}; empty with the
   * problem otherwise.
   */
  static Requirement requirement(String text) {
    if (text.startsWith("@")) {
      String alias = text.substring(1);
      if (!ALIAS.matcher(alias).matches()) {
        return Requirement.invalid("an alias has letters, digits, '_' and '-' only");
      }
      if (alias.equalsIgnoreCase("latest") || alias.matches("[vV][0-9]+")) {
        return Requirement.invalid("MLflow reserves the alias '" + alias + "'");
      }
      return new Requirement(MlflowSettings.RequirementKind.ALIAS, alias, null);
    }
    for (String stage : STAGES) {
      if (stage.equalsIgnoreCase(text)) {
        return new Requirement(MlflowSettings.RequirementKind.STAGE, stage, null);
      }
    }
    return Requirement.invalid("it is not a registry stage" + DidYouMean.aside(text, STAGES));
  }

  /**
   * A parsed model requirement.
   *
   * @param kind stage or alias, null when invalid
   * @param value the normalised stage, or the alias without its {@code @}
   * @param problem what is wrong, null when valid
   */
  record Requirement(MlflowSettings.RequirementKind kind, String value, String problem) {
    static Requirement invalid(String problem) {
      return new Requirement(null, null, problem);
    }

    boolean valid() {
      return problem == null;
    }
  }
}
