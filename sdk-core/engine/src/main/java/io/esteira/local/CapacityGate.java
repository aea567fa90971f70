package io.esteira.local;

import io.esteira.core.model.Resources;

/**
 * Counts the cpu and memory the running steps declare, and says whether one more fits: the sum
 * stays within the capacity, or nothing runs at all (so a step larger than the whole capacity still
 * runs, alone).
 */
final class CapacityGate {

  private static final double EPSILON = 1e-9;

  private final RunOptions.Capacity capacity;
  private double cpu;
  private double memory;
  private int running;

  CapacityGate(RunOptions.Capacity capacity) {
    this.capacity = capacity;
  }

  /** Whether {@code resources} alone exceed the whole capacity. */
  boolean oversized(Resources resources) {
    return resources.cpu() > capacity.cpu() + EPSILON
        || resources.memoryGb() > capacity.memoryGb() + EPSILON;
  }

  /** Whether a step declaring {@code resources} may start now. */
  boolean fits(Resources resources) {
    return running == 0
        || (!oversized(resources)
            && cpu + resources.cpu() <= capacity.cpu() + EPSILON
            && memory + resources.memoryGb() <= capacity.memoryGb() + EPSILON);
  }

  void acquire(Resources resources) {
    cpu += resources.cpu();
    memory += resources.memoryGb();
    running++;
  }

  void release(Resources resources) {
    cpu -= resources.cpu();
    memory -= resources.memoryGb();
    running--;
  }

  /** How many steps hold capacity. */
  int running() {
    return running;
  }
}
