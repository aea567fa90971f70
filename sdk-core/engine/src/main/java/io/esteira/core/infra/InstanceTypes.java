package io.esteira.core.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The table of EC2 instance types Esteira knows, for checking that steps fit.
 *
 * <p>The table is {@code instance-types.csv} beside this class, read once on first use. It is a
 * data file rather than Java so that a reviewer can hold it line by line against EC2's own lists,
 * and adding a family or size changes data, not code. Types that are not in the table are not
 * errors: callers simply cannot check a step against them.
 */
public final class InstanceTypes {

  static final String RESOURCE = "instance-types.csv";

  private InstanceTypes() {}

  /** The type with this name, or empty when it is not in the table. */
  public static Optional<InstanceType> find(String name) {
    return Optional.ofNullable(Table.BY_NAME.get(name));
  }

  /**
   * Whether {@code name} has the shape of an EC2 instance type, {@code <family>.<size>}, with a
   * size some EC2 type has (nano to xlarge, {@code <n>xlarge}, {@code metal}, {@code metal-<n>xl}),
   * whether or not Esteira's table lists it: a new family passes, a misspelt size does not.
   */
  public static boolean hasEc2Shape(String name) {
    return EC2_SHAPE.matcher(name).matches();
  }

  private static final Pattern EC2_SHAPE =
      Pattern.compile(
          "[a-z][a-z0-9-]*\\.(nano|micro|small|medium|large|xlarge|[1-9][0-9]*xlarge|metal"
              + "|metal-[1-9][0-9]*xl)");

  /** Every known type, sorted by name. */
  public static List<InstanceType> all() {
    return Table.ALL;
  }

  /** Holds the table, so it is read when first asked for and then never again. */
  private static final class Table {
    static final List<InstanceType> ALL;
    static final Map<String, InstanceType> BY_NAME;

    static {
      try (InputStream in = InstanceTypes.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the class path");
        }
        ALL = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, InstanceType> byName = new HashMap<>();
      ALL.forEach(type -> byName.put(type.name(), type));
      BY_NAME = Map.copyOf(byName);
    }
  }

  /**
   * Reads the table: a header line, then {@code name,vcpus,memory_mib,gpus} per line; blank lines
   * and lines starting with {@code #} are skipped. A malformed line or a repeated name is a bug in
   * the shipped table, so it throws.
   */
  static List<InstanceType> parse(BufferedReader reader) throws IOException {
    List<InstanceType> types = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean header = true;
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      String[] cells = line.split(",", -1);
      try {
        if (cells.length != 4) {
          throw new IllegalArgumentException("expected 4 cells, found " + cells.length);
        }
        InstanceType type =
            new InstanceType(
                cells[0].strip(),
                Integer.parseInt(cells[1].strip()),
                Integer.parseInt(cells[2].strip()),
                Integer.parseInt(cells[3].strip()));
        Integer first = seen.putIfAbsent(type.name(), lineNumber);
        if (first != null) {
          throw new IllegalArgumentException(type.name() + " is already on line " + first);
        }
        types.add(type);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            RESOURCE + " line " + lineNumber + " '" + line + "': " + e.getMessage(), e);
      }
    }
    types.sort(Comparator.comparing(InstanceType::name));
    return List.copyOf(types);
  }
}
