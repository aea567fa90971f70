/**
 * The deployer's message catalogue, {@link io.esteira.deploy.messages.DeployMessage}, in a package
 * of its own below every other deploy package, so each can report without depending on the
 * orchestration in {@code io.esteira.deploy}.
 */
package io.esteira.deploy.messages;
