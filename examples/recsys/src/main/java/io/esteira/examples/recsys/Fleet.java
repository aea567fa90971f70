package io.esteira.examples.recsys;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The fleet the example learns from, made up but deterministic: a seeded {@link Random} (whose
 * sequence Java specifies) draws the same vehicles on every machine, so training on them gives the
 * same model and the tests can hold its metrics to a floor.
 */
final class Fleet {

  /** How many vehicles {@link #vehicles()} makes. */
  static final int SIZE = 600;

  static final long SEED = 20260301L;

  static final List<String> CATEGORIES = List.of("economy", "compact", "suv", "van", "luxury");

  private Fleet() {}

  /** The fleet of {@link #SIZE} vehicles drawn from {@link #SEED}. */
  static List<Vehicle> vehicles() {
    return vehicles(SIZE, SEED);
  }

  /**
   * {@code size} vehicles: cheap, popular, well-rated vehicles are likelier to be rented next week,
   * with noise, so a model can learn the rule but not perfectly.
   */
  static List<Vehicle> vehicles(int size, long seed) {
    Random random = new Random(seed);
    List<Vehicle> fleet = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      int c = random.nextInt(CATEGORIES.size());
      double price = round(basePrice(c) * (0.8 + 0.4 * random.nextDouble()), 100);
      int rentals = random.nextInt(31);
      double rating = round(3.0 + 2.0 * random.nextDouble(), 10);
      double z = 1.2 + 6.0 * (rentals / 30.0 - 0.5) + 2.5 * (rating - 4.0) - 0.008 * price;
      boolean rented = random.nextDouble() < 1.0 / (1.0 + Math.exp(-z));
      fleet.add(
          new Vehicle(
              String.format(Locale.ROOT, "v%04d", i),
              CATEGORIES.get(c),
              price,
              rentals,
              rating,
              rented));
    }
    return fleet;
  }

  private static double basePrice(int category) {
    return new double[] {85, 115, 260, 200, 450}[category];
  }

  private static double round(double value, int scale) {
    return Math.round(value * scale) / (double) scale;
  }
}
