package io.esteira.examples.recsys;

/**
 * One row of the feature table: what is known of a vehicle today, and whether it was rented in the
 * following week, the label the model learns.
 *
 * @param id the vehicle id
 * @param category its rental category
 * @param dailyPrice the daily price, in reais, two decimals
 * @param rentalsLast30Days rentals in the last 30 days
 * @param rating the mean customer rating, 1 to 5, one decimal
 * @param rentedNextWeek whether it was rented in the week after
 */
record Vehicle(
    String id,
    String category,
    double dailyPrice,
    int rentalsLast30Days,
    double rating,
    boolean rentedNextWeek) {}
