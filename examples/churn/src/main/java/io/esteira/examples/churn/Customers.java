package io.esteira.examples.churn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The customer table {@code load_customers} writes and every later step reads. */
final class Customers {

  private Customers() {}

  static int write(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    Customer.sample().forEach(c -> rows.add(c.cells()));
    Csv.write(file, Customer.HEADER, rows);
    return rows.size();
  }

  static List<Customer> read(Path file) throws IOException {
    return Customer.parse(Csv.read(file, "load_customers"));
  }
}
