/**
 * The generators' common ground and the generators that need no AWS format: {@link
 * io.esteira.core.generate.Json} (how every artifact is printed), {@link
 * io.esteira.core.generate.Generated} (a document and its diagnostics), {@link
 * io.esteira.core.generate.Placeholders} (the values only the deployer knows), {@code
 * pipeline.json} (written and read) and {@code pipeline.mmd}.
 *
 * <p>The AWS generators live in the {@code asl}, {@code ecs} and {@code scheduler} packages below
 * and use this one; what runs them all for a project is {@code io.esteira.core.artifacts}, so this
 * package uses none of them.
 */
package io.esteira.core.generate;
