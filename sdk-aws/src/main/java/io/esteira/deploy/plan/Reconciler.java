package io.esteira.deploy.plan;

/**
 * One kind of AWS resource of a project: reads what is there, works out what should be, and says
 * what a deploy would change. Plans only read; the returned {@link Planned} applies the difference.
 */
public interface Reconciler {

  /** Reads the resource and compares it with what it should be; makes no change. */
  Planned plan();

  /**
   * A plan item and how to carry it out.
   *
   * @param item what changes
   * @param apply makes the change; not run for {@code esteira plan}, nor when nothing changes
   */
  record Planned(PlanItem item, Runnable apply) {

    /** An item that needs nothing done. */
    public static Planned unchanged(PlanItem item) {
      return new Planned(item, () -> {});
    }
  }
}
