package io.esteira.examples.recsys;

import java.util.ArrayList;
import java.util.List;

/** The small fixed fleet the example scores, and the reader of the feature table. */
final class Fleet {

  private Fleet() {}

  static List<Vehicle> vehicles() {
    return List.of(
        new Vehicle("v001", "economy", 89.90, 27, 4.6),
        new Vehicle("v002", "economy", 79.50, 12, 3.9),
        new Vehicle("v003", "compact", 119.00, 21, 4.8),
        new Vehicle("v004", "suv", 249.00, 9, 4.2),
        new Vehicle("v005", "suv", 289.90, 17, 4.7),
        new Vehicle("v006", "luxury", 459.00, 3, 4.9),
        new Vehicle("v007", "van", 199.00, 6, 3.5),
        new Vehicle("v008", "compact", 109.90, 30, 4.1));
  }

  /** Parses the feature table written by the extract step, header first. */
  static List<Vehicle> parse(List<String> lines) {
    if (lines.isEmpty() || !lines.get(0).equals(RecsysPipeline.FEATURES_HEADER)) {
      throw new IllegalArgumentException(
          "the feature table does not start with " + RecsysPipeline.FEATURES_HEADER);
    }
    List<Vehicle> vehicles = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      if (cells.length != 5) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " of the feature table has " + cells.length + " cells, not 5");
      }
      vehicles.add(
          new Vehicle(
              cells[0],
              cells[1],
              Double.parseDouble(cells[2]),
              Integer.parseInt(cells[3]),
              Double.parseDouble(cells[4])));
    }
    return vehicles;
  }
}
