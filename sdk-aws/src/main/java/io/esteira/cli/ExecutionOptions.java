package io.esteira.cli;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.operate.Executions;
import io.esteira.operate.OperateContext;
import io.esteira.operate.OperateException;
import io.esteira.operate.OperateMessage;
import picocli.CommandLine.Mixin;
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

  @Mixin AwsOptions aws;

  /** Clients for the execution's region, or a usage error when the argument is no ARN. */
  OperateContext open() throws OperateException {
    if (!Executions.isExecutionArn(execution)) {
      throw OperateException.usage(
          Diagnostic.error(OperateMessage.OPS_REDRIVE_NEEDS_ARN, null, execution));
    }
    return OperateContext.forExecution(execution, aws.settings());
  }
}
