package io.esteira.examples.churn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One row of the customer table, with whether the customer cancelled ({@code churned}), the label
 * the model learns.
 */
record Customer(
    String id,
    String plan,
    int tenureMonths,
    double monthlyFee,
    int sessions30d,
    int latePayments12m,
    boolean churned) {

  static final List<String> HEADER =
      List.of(
          "customer_id",
          "plan",
          "tenure_months",
          "monthly_fee",
          "sessions_30d",
          "late_payments_12m",
          "churned");

  static final List<String> PLANS = List.of("basic", "standard", "premium");

  /** How many customers {@link #sample} makes. */
  static final int SAMPLE_SIZE = 600;

  /** The list price of a plan; a customer's fee differs by discounts and add-ons. */
  static double planFee(String plan) {
    return switch (plan) {
      case "basic" -> 49.90;
      case "standard" -> 89.90;
      case "premium" -> 149.90;
      default -> throw new IllegalArgumentException("unknown plan " + plan + "; one of " + PLANS);
    };
  }

  /**
   * A fixed sample: a seeded {@link Random} (whose sequence Java specifies) draws the customers,
   * and cancellation is more likely with little use, late payments and a short tenure.
   */
  static List<Customer> sample() {
    Random random = new Random(20260101L);
    List<Customer> customers = new ArrayList<>();
    for (int i = 1; i <= SAMPLE_SIZE; i++) {
      String plan = PLANS.get(random.nextInt(PLANS.size()));
      int tenure = 1 + random.nextInt(72);
      double fee = Math.round(planFee(plan) * (0.8 + 0.4 * random.nextDouble()) * 100) / 100.0;
      int sessions = random.nextInt(40);
      int late = random.nextInt(random.nextBoolean() ? 2 : 7);
      double z =
          0.6
              + (sessions < 5 ? 2.5 : 0.0)
              - 0.04 * sessions
              + 9.0 * late / 12.0
              - 4.0 * Math.min(tenure, 60) / 60.0;
      boolean churned = random.nextDouble() < 1.0 / (1.0 + Math.exp(-z));
      customers.add(
          new Customer(
              String.format(Locale.ROOT, "c%03d", i), plan, tenure, fee, sessions, late, churned));
    }
    return customers;
  }

  List<String> cells() {
    return List.of(
        id,
        plan,
        Integer.toString(tenureMonths),
        String.format(Locale.ROOT, "%.2f", monthlyFee),
        Integer.toString(sessions30d),
        Integer.toString(latePayments12m),
        churned ? "1" : "0");
  }

  static List<Customer> parse(Csv.Table table) {
    List<Customer> customers = new ArrayList<>();
    for (List<String> row : table.rows()) {
      customers.add(
          new Customer(
              row.get(table.column("customer_id")),
              row.get(table.column("plan")),
              Integer.parseInt(row.get(table.column("tenure_months"))),
              Double.parseDouble(row.get(table.column("monthly_fee"))),
              Integer.parseInt(row.get(table.column("sessions_30d"))),
              Integer.parseInt(row.get(table.column("late_payments_12m"))),
              row.get(table.column("churned")).equals("1")));
    }
    return customers;
  }
}
