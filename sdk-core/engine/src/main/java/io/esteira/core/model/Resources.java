package io.esteira.core.model;

/**
 * What a step's container reserves.
 *
 * @param cpu vCPUs (1.0 = 1,024 ECS CPU units)
 * @param memoryGb memory in GiB (1.0 = 1,024 MiB)
 */
public record Resources(double cpu, double memoryGb) {

  /** Default vCPUs of a step that names none. */
  public static final double DEFAULT_CPU = 1.0;

  /** Default GiB of a step that names none. */
  public static final double DEFAULT_MEMORY_GB = 2.0;

  /** ECS CPU units: 1,024 per vCPU, rounded to the nearest unit. */
  public int cpuUnits() {
    return (int) Math.round(cpu * 1024);
  }

  /** Memory in MiB, rounded to the nearest MiB. */
  public int memoryMiB() {
    return (int) Math.round(memoryGb * 1024);
  }
}
