package io.esteira.examples.recsys;

/**
 * One row of the feature table.
 *
 * @param id the vehicle id
 * @param category its rental category
 * @param dailyPrice the daily price, in reais
 * @param rentalsLast30Days rentals in the last 30 days
 * @param rating the mean customer rating, 1 to 5
 */
record Vehicle(
    String id, String category, double dailyPrice, int rentalsLast30Days, double rating) {}
