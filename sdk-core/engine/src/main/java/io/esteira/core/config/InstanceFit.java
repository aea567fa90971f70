package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.core.config.StepResolver.Draft;
import io.esteira.core.infra.InstanceType;
import io.esteira.core.infra.InstanceTypes;
import io.esteira.diagnostics.Diagnostics;
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

  static void check(List<Draft> drafts, String ec2Type, Diagnostics out) {
    Optional<InstanceType> found = InstanceTypes.find(ec2Type);
    if (found.isEmpty()) {
      return; // warned about where ec2_type is written
    }
    InstanceType type = found.get();
    int registered = type.registeredMemoryMiB();
    for (Draft d : drafts) {
      int cpuUnits = (int) Math.round(d.cpu * 1024);
      int memoryMiB = (int) Math.round(d.memoryGb * 1024);
      if (cpuUnits > type.cpuUnits()) {
        out.error(
            EngineMessage.CONFIG_STEP_DOES_NOT_FIT,
            d.cpuAt,
            d.id,
            format("%s vCPU (%,d CPU units)", ValueChecker.number(d.cpu), cpuUnits)
                + (d.cpuIsDefault ? " (the default)" : ""),
            format(
                "an instance of type %s has %d vCPU (%,d units)",
                type.name(), type.vcpus(), type.cpuUnits()),
            format("set cpu to at most %d", type.vcpus()) + bigger(cpuUnits, memoryMiB, type));
      }
      if (memoryMiB > registered) {
        double most = Math.floor(registered / 1024.0 * 100) / 100;
        out.error(
            EngineMessage.CONFIG_STEP_DOES_NOT_FIT,
            d.memoryAt,
            d.id,
            format("%s GiB (%,d MiB) of memory", ValueChecker.number(d.memoryGb), memoryMiB)
                + (d.memoryIsDefault ? " (the default)" : ""),
            format(
                "an instance of type %s registers only %,d MiB with ECS (the kernel and the ECS agent keep the"
                    + " rest of its %,d MiB)",
                type.name(), registered, type.memoryMiB()),
            format("set memory_gb to at most %s", ValueChecker.number(most))
                + bigger(cpuUnits, memoryMiB, type));
      }
    }
  }

  /**
   * The smallest type that fits, preferring the configured type's family, then types with GPUs
   * exactly when the configured type has them: a step off a plain type gains nothing but cost from
   * a GPU, and a step on a GPU type probably uses it.
   */
  private static String bigger(int cpuUnits, int memoryMiB, InstanceType now) {
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
    return best.map(t -> ", or choose a larger ec2_type such as " + t.name())
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
