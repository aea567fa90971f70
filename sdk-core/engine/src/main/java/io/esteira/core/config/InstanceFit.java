package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.core.config.StepResolver.Draft;
import io.esteira.core.infra.InstanceType;
import io.esteira.core.infra.InstanceTypes;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.Origin;
import io.esteira.diagnostics.SourcePosition;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks that each step fits one instance of the configured type. A task is placed on one instance,
 * so a step asking for more CPU units or memory than the instance registers with ECS stays
 * PROVISIONING forever; instances register less memory than they have, so the nominal size is not
 * the limit.
 */
final class InstanceFit {

  private InstanceFit() {}

  /**
   * Checks every step against {@code ec2Type}, written at {@code ec2TypeAt} (or the default). When
   * an environment's section set either side, the message names the environment, and the type's key
   * and line as that section writes them; each value is named in the words of where it came from
   * ({@code memoryGb} on a {@code @Step}, {@code memory_gb} in config.yaml).
   */
  static void check(
      List<Draft> drafts,
      String ec2Type,
      Optional<SourcePosition> ec2TypeAt,
      EnvironmentLayer layer,
      Diagnostics out) {
    Optional<InstanceType> found = InstanceTypes.find(ec2Type);
    if (found.isEmpty()) {
      return; // warned about where ec2_type is written
    }
    InstanceType type = found.get();
    int registered = type.registeredMemoryMiB();
    Origin typeAt = ec2TypeAt.orElse(null);
    String typeKey = layer.key("infra.compute.ec2_type", typeAt);
    String typeWhere = " (" + layer.describe("infra.compute.ec2_type", ec2TypeAt) + ")";
    for (Draft d : drafts) {
      int cpuUnits = (int) Math.round(d.cpu * 1024);
      int memoryMiB = (int) Math.round(d.memoryGb * 1024);
      if (cpuUnits > type.cpuUnits()) {
        out.error(
            EngineMessage.CONFIG_STEP_DOES_NOT_FIT,
            d.cpuAt,
            d.id,
            layer.in(d.cpuAt, typeAt),
            format("%s vCPU (%,d CPU units)", ValueChecker.number(d.cpu), cpuUnits)
                + (d.cpuIsDefault ? " (the default)" : ""),
            format(
                "an instance of type %s%s has %d vCPU (%,d units)",
                type.name(), typeWhere, type.vcpus(), type.cpuUnits()),
            format(
                    "set %s to at most %d",
                    AttributeNames.stepKey("resources.cpu", d.cpuAt), type.vcpus())
                + bigger(cpuUnits, memoryMiB, type, typeKey));
      }
      if (memoryMiB > registered) {
        double most = Math.floor(registered / 1024.0 * 100) / 100;
        out.error(
            EngineMessage.CONFIG_STEP_DOES_NOT_FIT,
            d.memoryAt,
            d.id,
            layer.in(d.memoryAt, typeAt),
            format("%s GiB (%,d MiB) of memory", ValueChecker.number(d.memoryGb), memoryMiB)
                + (d.memoryIsDefault ? " (the default)" : ""),
            format(
                "an instance of type %s%s registers only %,d MiB with ECS (the kernel and the ECS"
                    + " agent keep the rest of its %,d MiB)",
                type.name(), typeWhere, registered, type.memoryMiB()),
            format(
                    "set %s to at most %s",
                    AttributeNames.stepKey("resources.memory_gb", d.memoryAt),
                    ValueChecker.number(most))
                + bigger(cpuUnits, memoryMiB, type, typeKey));
      }
    }
  }

  /**
   * The smallest type that fits, preferring the configured type's family, then types with GPUs
   * exactly when the configured type has them: a step off a plain type gains nothing but cost from
   * a GPU, and a step on a GPU type probably uses it.
   */
  private static String bigger(int cpuUnits, int memoryMiB, InstanceType now, String typeKey) {
    String family = family(now.name());
    Optional<InstanceType> best =
        InstanceTypes.all().stream()
            .filter(t -> t.fits(cpuUnits, memoryMiB))
            .min(
                Comparator.comparing((InstanceType t) -> !family(t.name()).equals(family))
                    .thenComparing(t -> (t.gpus() > 0) != (now.gpus() > 0))
                    .thenComparingInt(InstanceType::registeredMemoryMiB)
                    .thenComparingInt(InstanceType::vcpus)
                    .thenComparing(InstanceType::name));
    return best.map(t -> ", or choose a larger " + typeKey + " such as " + t.name())
        .orElse(", or split the step: no instance type in Esteira's table is that large");
  }

  private static String family(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static String format(String template, Object... args) {
    return String.format(Locale.ROOT, template, args);
  }
}
