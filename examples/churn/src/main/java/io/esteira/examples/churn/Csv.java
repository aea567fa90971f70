package io.esteira.examples.churn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The plain comma-separated files the steps hand over: no quoting, since no value has a comma. */
final class Csv {

  private Csv() {}

  /**
   * A read file.
   *
   * @param file where it was read from, for messages
   * @param header the column names
   * @param rows the cells of each row, as many as the header
   */
  record Table(Path file, List<String> header, List<List<String>> rows) {

    int column(String name) {
      int index = header.indexOf(name);
      if (index < 0) {
        throw new IllegalArgumentException(file + " has no column " + name + ": " + header);
      }
      return index;
    }
  }

  static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", header));
    rows.forEach(row -> lines.add(String.join(",", row)));
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** Reads a file that the step {@code producer} writes; says so when it is not there. */
  static Table read(Path file, String producer) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file + " is missing; run " + producer + " first in the same work directory");
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + " is empty; it should start with a header line");
    }
    List<String> header = List.of(lines.get(0).split(",", -1));
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      List<String> cells = List.of(lines.get(i).split(",", -1));
      if (cells.size() != header.size()) {
        throw new IllegalArgumentException(
            String.format(
                "line %d of %s has %d cells, the header %d",
                i + 1, file, cells.size(), header.size()));
      }
      rows.add(cells);
    }
    return new Table(file, header, rows);
  }
}
