package io.esteira.core.model;

import java.util.Objects;

/**
 * The compute the tasks run on ({@code infra.compute}).
 *
 * @param provider {@code ec2} (the only provider the seed uses)
 * @param ec2Type the instance type of the auto scaling group, such as {@code t3.xlarge}
 * @param minQuantity minimum instances in the group (0 lets it scale to nothing)
 * @param maxQuantity maximum instances in the group
 * @param spot whether instances are Spot instances
 */
public record Infra(
    String provider, String ec2Type, int minQuantity, int maxQuantity, boolean spot) {

  public Infra {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(ec2Type, "ec2Type");
  }
}
