package io.esteira.examples.recsys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The feature table {@code extract_features} writes and {@code score_model} reads: CSV with a
 * header, one row per vehicle, fixed decimals so that reading it back gives the same values.
 */
final class FeatureTable {

  static final String HEADER =
      "vehicle_id,category,daily_price,rentals_30d,rating,rented_next_week";

  private FeatureTable() {}

  static void write(Path file, List<Vehicle> vehicles) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (Vehicle v : vehicles) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s,%s,%.2f,%d,%.1f,%d",
              v.id(),
              v.category(),
              v.dailyPrice(),
              v.rentalsLast30Days(),
              v.rating(),
              v.rentedNextWeek() ? 1 : 0));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** Reads a table {@link #write} wrote; a missing file says which step writes it. */
  static List<Vehicle> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file
              + " is missing; run extract_features first: score_model reads the feature table it writes");
    }
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static List<Vehicle> parse(List<String> lines) {
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new IllegalArgumentException("the feature table does not start with " + HEADER);
    }
    List<Vehicle> vehicles = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      if (cells.length != 6) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " of the feature table has " + cells.length + " cells, not 6");
      }
      vehicles.add(
          new Vehicle(
              cells[0],
              cells[1],
              Double.parseDouble(cells[2]),
              Integer.parseInt(cells[3]),
              Double.parseDouble(cells[4]),
              cells[5].equals("1")));
    }
    return vehicles;
  }
}
