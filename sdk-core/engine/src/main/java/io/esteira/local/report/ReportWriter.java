package io.esteira.local.report;

import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@link HtmlReport} into a run directory as {@value #FILE_NAME}. The file is written beside
 * its final name and moved over it, so a browser that reloads it never sees half a page; a write
 * that fails leaves no partial file.
 */
public final class ReportWriter {

  /** The report's file name in the run directory. */
  public static final String FILE_NAME = "report.html";

  private ReportWriter() {}

  /**
   * Writes the report of {@code record}, with what {@link ReportSources} finds in the run directory
   * and beside it, and returns its path.
   */
  public static Path write(Path runDirectory, RunRecord record) throws IOException {
    return write(runDirectory, record, ReportSources.read(runDirectory, record));
  }

  /** Writes the report of {@code record} and {@code inputs} and returns its path. */
  public static Path write(Path runDirectory, RunRecord record, ReportInputs inputs)
      throws IOException {
    Path file = runDirectory.resolve(FILE_NAME);
    RunJson.replace(
        file, runDirectory.resolve(FILE_NAME + ".partial"), HtmlReport.render(record, inputs));
    return file;
  }
}
