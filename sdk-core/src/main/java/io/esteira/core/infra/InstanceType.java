package io.esteira.core.infra;

/**
 * An EC2 instance type as ECS sees it.
 *
 * @param name such as {@code t3.xlarge}
 * @param vcpus vCPUs (ECS registers 1,024 CPU units each)
 * @param memoryMiB nominal memory in MiB
 * @param gpus GPUs, 0 for most types
 */
public record InstanceType(String name, int vcpus, int memoryMiB, int gpus) {

  /** ECS CPU units the instance registers. */
  public int cpuUnits() {
    return vcpus * 1024;
  }

  /**
   * Memory in MiB that tasks can reserve on this instance: less than nominal, since the kernel and
   * the ECS agent keep some and ECS registers only what the OS reports.
   */
  public int registeredMemoryMiB() {
    throw new UnsupportedOperationException("not yet written");
  }
}
