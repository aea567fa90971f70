package io.esteira.cli;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one line and an exit code. A file system failure is
 * the user's to fix (a path, a permission, a full disk); anything else, errors such as {@code
 * OutOfMemoryError} included, is a bug in Esteira (or a heap too small for the input). Stack traces
 * only with {@code --verbose}: bad input never shows one.
 */
final class FailureHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
    PrintWriter err = command.getErr();
    // An Error (OutOfMemoryError, StackOverflowError) arrives wrapped by EsteiraCommand.execute.
    Throwable failure =
        ex instanceof CommandLine.ExecutionException && ex.getCause() instanceof Error error
            ? error
            : ex;
    IOException io = ioCause(ex);
    int exitCode;
    if (io != null) {
      err.println(ioDiagnostic(io).render());
      exitCode = ExitCodes.ERRORS;
    } else {
      err.println(Diagnostic.error(CliMessage.CLI_INTERNAL_ERROR, null, failure).render());
      exitCode = ExitCodes.INTERNAL;
    }
    if (CommonOptions.verbose(command)) {
      failure.printStackTrace(err);
    }
    err.flush();
    return exitCode;
  }

  private static IOException ioCause(Exception ex) {
    if (ex instanceof IOException io) {
      return io;
    }
    if (ex instanceof UncheckedIOException unchecked) {
      return unchecked.getCause();
    }
    return null;
  }

  /** {@code target/out: error: [ESTEIRA-CLI-IO-FAILED] not a directory; check ...}. */
  static Diagnostic ioDiagnostic(IOException io) {
    if (io instanceof FileSystemException fs && fs.getFile() != null) {
      return Diagnostic.error(
          CliMessage.CLI_IO_FAILED, SourcePosition.file(fs.getFile()), reason(fs));
    }
    return Diagnostic.error(CliMessage.CLI_IO_FAILED, null, String.valueOf(io.getMessage()));
  }

  private static String reason(FileSystemException fs) {
    String kind;
    if (fs instanceof NoSuchFileException) {
      kind = "no such file or directory";
    } else if (fs instanceof AccessDeniedException) {
      kind = "permission denied";
    } else if (fs instanceof NotDirectoryException) {
      kind = "not a directory";
    } else if (fs instanceof FileAlreadyExistsException) {
      kind = "already exists";
    } else if (fs instanceof DirectoryNotEmptyException) {
      kind = "directory not empty";
    } else {
      kind = fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
    }
    return fs.getOtherFile() == null ? kind : kind + " (with " + fs.getOtherFile() + ")";
  }
}
