package io.esteira.operate;

/**
 * Links to the AWS console, so a person goes from a command's output to the execution's graph in
 * one click. The console's host depends on the partition: {@code <region>.console.aws.amazon.com}
 * in the commercial one, {@code console.amazonaws.cn} in China, {@code
 * console.amazonaws-us-gov.com} in GovCloud.
 */
public final class ConsoleLinks {

  private ConsoleLinks() {}

  /** The Step Functions console page of the execution {@code executionArn}. */
  public static String execution(String executionArn) {
    String[] parts = executionArn.split(":", 6);
    String partition = parts.length > 1 ? parts[1] : "aws";
    String region = parts.length > 3 ? parts[3] : "us-east-1";
    return host(partition, region)
        + "/states/home?region="
        + region
        + "#/v2/executions/details/"
        + executionArn;
  }

  /** The CloudWatch Logs console page of one log stream. */
  public static String logStream(String partition, String region, String group, String stream) {
    return host(partition, region)
        + "/cloudwatch/home?region="
        + region
        + "#logsV2:log-groups/log-group/"
        + consoleEscape(group)
        + "/log-events/"
        + consoleEscape(stream);
  }

  private static String host(String partition, String region) {
    return switch (partition) {
      case "aws-cn" -> "https://console.amazonaws.cn";
      case "aws-us-gov" -> "https://console.amazonaws-us-gov.com";
      default -> "https://" + region + ".console.aws.amazon.com";
    };
  }

  /**
   * The CloudWatch console's own escaping of a name inside its fragment: each character
   * URL-encoded, then {@code %} written as {@code $25} ({@code /ecs/recsys} is {@code
   * $252Fecs$252Frecsys}).
   */
  static String consoleEscape(String name) {
    String encoded =
        java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20");
    return encoded.replace("%", "$25");
  }
}
