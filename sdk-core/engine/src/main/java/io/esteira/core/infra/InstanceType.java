package io.esteira.core.infra;

import java.util.Objects;

/**
 * An EC2 instance type as ECS sees it.
 *
 * @param name such as {@code t3.xlarge}
 * @param vcpus vCPUs (ECS registers 1,024 CPU units each)
 * @param memoryMiB nominal memory in MiB
 * @param gpus GPUs, 0 for most types
 */
public record InstanceType(String name, int vcpus, int memoryMiB, int gpus) {

  /**
   * Percentage of nominal memory the estimate counts on. The kernel keeps under 3% of a large
   * type's memory and more of a small one's (17% of a t3.nano); the fixed reserve covers the rest.
   */
  static final int OS_SHARE_PERCENT = 94;

  /** MiB kept back on every instance whatever its size, for what the share does not cover. */
  static final int FIXED_RESERVE_MIB = 256;

  public InstanceType {
    Objects.requireNonNull(name, "name");
    if (vcpus <= 0 || memoryMiB <= 0 || gpus < 0) {
      throw new IllegalArgumentException(
          "instance type " + name + " needs positive vCPUs and memory and no negative GPUs");
    }
  }

  /** ECS CPU units the instance registers. */
  public int cpuUnits() {
    return vcpus * 1024;
  }

  /**
   * Memory in MiB that tasks can reserve on this instance: less than nominal, since the kernel and
   * the ECS agent keep some and ECS registers only what the OS reports.
   *
   * <p>The ECS agent registers the total memory the OS reports ({@code MemTotal}) minus {@code
   * ECS_RESERVED_MEMORY} (0 unless configured), and the OS reports less than EC2's nominal figure.
   * The real figure depends on the AMI and kernel and is only known once an instance runs, so this
   * is a conservative estimate: {@code floor(nominal × 0.94) − 256}. It was checked against the
   * per-type overheads the Karpenter project measured on Amazon Linux: for every type in the table
   * (m7i was not measured; it runs on the same Nitro platform as m6i) the reported memory lies at
   * least 1.5% of nominal above the estimate, so a step that fits the estimate fits the instance.
   * The fixed 256 MiB also leaves the agent and the Docker daemon room beside a task that fills the
   * rest. An m4.large (8,192 MiB nominal, 7,985 MiB registered in AWS's own example) gives 7,444; a
   * t3.xlarge (16 GiB) gives 15,144. Never negative.
   */
  public int registeredMemoryMiB() {
    // integer arithmetic, so the figure is exact and the same on every machine
    return Math.max(0, (int) ((long) memoryMiB * OS_SHARE_PERCENT / 100) - FIXED_RESERVE_MIB);
  }

  /** Whether one task reserving this many CPU units and MiB can be placed on this type. */
  public boolean fits(int taskCpuUnits, int taskMemoryMiB) {
    return taskCpuUnits <= cpuUnits() && taskMemoryMiB <= registeredMemoryMiB();
  }
}
