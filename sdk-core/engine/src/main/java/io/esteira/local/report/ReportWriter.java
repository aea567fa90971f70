package io.esteira.local.report;

import io.esteira.local.RunRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@link HtmlReport} into a run directory as {@value #FILE_NAME}. The file is written beside
 * its final name and moved over it, so a browser that reloads it never sees half a page.
 */
public final class ReportWriter {

  /** The report's file name in the run directory. */
  public static final String FILE_NAME = "report.html";

  private ReportWriter() {}

  /** Writes the report of {@code record} and returns its path. */
  public static Path write(Path runDirectory, RunRecord record) throws IOException {
    Path file = runDirectory.resolve(FILE_NAME);
    Path partial = runDirectory.resolve(FILE_NAME + ".partial");
    Files.writeString(partial, HtmlReport.render(record), StandardCharsets.UTF_8);
    try {
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
