package io.esteira.cli;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.operate.Executions;
import io.esteira.operate.OperateContext;
import io.esteira.operate.OperateException;
import io.esteira.operate.OperateMessage;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What the commands on one execution share ({@code redrive}, {@code report}): its ARN, which names
 * the region and account, and how to reach AWS.
 */
final class ExecutionOptions {

  @Parameters(
      index = "0",
      paramLabel = "EXECUTION_ARN",
      description = "The execution's ARN, as esteira start and esteira status print it.")
  String execution;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region; default the execution ARN's.")
  String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Send every AWS call to this endpoint (an emulator such as moto_server).")
  URI endpoint;

  /** Clients for the execution's region, or a usage error when the argument is no ARN. */
  OperateContext open() throws OperateException {
    if (!Executions.isExecutionArn(execution)) {
      throw OperateException.usage(
          Diagnostic.error(OperateMessage.OPS_REDRIVE_NEEDS_ARN, null, execution));
    }
    return OperateContext.forExecution(
        execution,
        OperateContext.settings(Optional.ofNullable(region), Optional.ofNullable(endpoint)));
  }
}
