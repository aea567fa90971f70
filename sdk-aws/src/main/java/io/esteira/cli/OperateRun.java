package io.esteira.cli;

import io.esteira.deploy.aws.AwsRefusal;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.operate.OperateContext;
import io.esteira.operate.OperateException;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs an operating command's body against its environment and turns how it ended into an exit
 * code: a refusal ({@link OperateException}) prints its diagnostics, an error AWS answered prints
 * one line naming the call ({@link AwsRefusal}), an unreachable AWS says what to check. No AWS
 * failure reaches the user as a stack trace.
 */
final class OperateRun {

  /** The body of a command, given its environment; returns the exit code. */
  interface Body {
    int run(OperateContext context)
        throws OperateException, java.io.IOException, InterruptedException;
  }

  /** Reads what the command needs (the platform file, the execution's ARN) and builds clients. */
  interface Opener {
    OperateContext open() throws OperateException;
  }

  private OperateRun() {}

  static int run(Console console, PlatformOptions options, Body body)
      throws java.io.IOException, InterruptedException {
    return run(console, options::open, body);
  }

  static int run(Console console, Opener opener, Body body)
      throws java.io.IOException, InterruptedException {
    OperateContext context;
    try {
      context = opener.open();
    } catch (OperateException e) {
      console.diagnostics(e.diagnostics());
      return e.usage() ? ExitCodes.USAGE : ExitCodes.ERRORS;
    }
    try (context) {
      try {
        return body.run(context);
      } catch (OperateException e) {
        console.diagnostics(e.diagnostics());
        return e.usage() ? ExitCodes.USAGE : ExitCodes.ERRORS;
      } catch (AwsServiceException e) {
        console.diagnostics(List.of(AwsRefusal.diagnostic(e, context.aws().operationOf(e))));
        return ExitCodes.ERRORS;
      } catch (SdkClientException e) {
        console.diagnostics(
            List.of(Diagnostic.error(DeployMessage.DEPLOY_AWS_UNREACHABLE, null, e.getMessage())));
        return ExitCodes.ERRORS;
      }
    }
  }
}
