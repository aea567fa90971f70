package io.esteira.examples.churn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The work of {@code report}: score every customer with the model {@code train} saved and list
 * those most likely to cancel, for the retention team.
 */
final class Report {

  /** How many customers the report lists as most at risk. */
  static final int TOP = 5;

  static final String TITLE = "churn report";

  private Report() {}

  /** Writes the report; returns how many customers it scored. */
  static int write(
      Path customersFile, Path usageFile, Path billingFile, Path modelFile, Path reportFile)
      throws IOException {
    List<Customer> customers = Customers.read(customersFile);
    Features features = Features.read(usageFile, billingFile, customers);
    ChurnModel model = ChurnModel.load(modelFile);
    List<Map.Entry<String, Double>> risks = new ArrayList<>();
    for (int i = 0; i < customers.size(); i++) {
      risks.add(Map.entry(customers.get(i).id(), model.probability(features.matrix()[i])));
    }
    risks.sort(
        Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    long likely = risks.stream().filter(r -> r.getValue() >= 0.5).count();
    List<String> lines = new ArrayList<>();
    lines.add(TITLE);
    lines.add(String.format(Locale.ROOT, "customers: %d", customers.size()));
    lines.add(String.format(Locale.ROOT, "likely to cancel (p >= 0.5): %d", likely));
    lines.add("most at risk:");
    risks.stream()
        .limit(TOP)
        .forEach(r -> lines.add(String.format(Locale.ROOT, "  %s %.3f", r.getKey(), r.getValue())));
    Files.write(reportFile, lines, StandardCharsets.UTF_8);
    return customers.size();
  }
}
