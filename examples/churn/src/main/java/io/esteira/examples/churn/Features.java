package io.esteira.examples.churn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The usage and billing features joined by customer, in the order of the customer table, with the
 * labels: what {@code train} fits and {@code report} scores. Also how each feature file is written.
 */
record Features(double[][] matrix, int[] labels) {

  static final List<String> USAGE_HEADER =
      List.of("customer_id", "sessions_per_week", "low_usage", "tenure_share");

  static final List<String> BILLING_HEADER =
      List.of("customer_id", "late_payment_rate", "fee_ratio");

  /** The model's inputs, in the order of {@link #matrix}'s columns. */
  static final List<String> NAMES =
      List.of("sessions_per_week", "low_usage", "tenure_share", "late_payment_rate", "fee_ratio");

  /** Writes what {@code features_usage} computes: use of the service and tenure. */
  static int writeUsage(List<Customer> customers, Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (Customer c : customers) {
      rows.add(
          List.of(
              c.id(),
              format(c.sessions30d() / (30.0 / 7.0)),
              c.sessions30d() < 5 ? "1" : "0",
              format(Math.min(c.tenureMonths(), 60) / 60.0)));
    }
    Csv.write(file, USAGE_HEADER, rows);
    return rows.size();
  }

  /** Writes what {@code features_billing} computes: late payments and the fee against the list. */
  static int writeBilling(List<Customer> customers, Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (Customer c : customers) {
      rows.add(
          List.of(
              c.id(),
              format(c.latePayments12m() / 12.0),
              format(c.monthlyFee() / Customer.planFee(c.plan()))));
    }
    Csv.write(file, BILLING_HEADER, rows);
    return rows.size();
  }

  /** Joins the two feature files by customer, in the order of {@code customers}. */
  static Features read(Path usageFile, Path billingFile, List<Customer> customers)
      throws IOException {
    Csv.Table usage = Csv.read(usageFile, "features_usage");
    Csv.Table billing = Csv.read(billingFile, "features_billing");
    Map<String, double[]> byCustomer = new HashMap<>();
    for (Customer c : customers) {
      byCustomer.put(c.id(), new double[NAMES.size()]);
    }
    fill(usage, byCustomer);
    fill(billing, byCustomer);
    double[][] matrix = new double[customers.size()][];
    int[] labels = new int[customers.size()];
    for (int i = 0; i < customers.size(); i++) {
      matrix[i] = byCustomer.get(customers.get(i).id());
      labels[i] = customers.get(i).churned() ? 1 : 0;
    }
    return new Features(matrix, labels);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  /** Copies a file's feature columns into the rows; every customer must have exactly one row. */
  private static void fill(Csv.Table table, Map<String, double[]> byCustomer) {
    int id = table.column("customer_id");
    if (table.rows().size() != byCustomer.size()) {
      throw new IllegalArgumentException(
          String.format(
              "%s has %d rows for %d customers",
              table.file(), table.rows().size(), byCustomer.size()));
    }
    for (List<String> row : table.rows()) {
      double[] features = byCustomer.get(row.get(id));
      if (features == null) {
        throw new IllegalArgumentException(
            table.file() + " has a row for unknown customer " + row.get(id));
      }
      for (int f = 0; f < NAMES.size(); f++) {
        if (table.header().contains(NAMES.get(f))) {
          features[f] = Double.parseDouble(row.get(table.column(NAMES.get(f))));
        }
      }
    }
  }
}
