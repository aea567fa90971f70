/**
 * Every artifact of a project and writing them: {@link io.esteira.core.artifacts.ProjectArtifacts}
 * resolves each environment asked for and runs every generator on it, {@link
 * io.esteira.core.artifacts.ArtifactWriter} writes the set all or nothing.
 *
 * <p>It sits above the generators it runs ({@code io.esteira.core.generate} and its {@code asl},
 * {@code ecs} and {@code scheduler} packages), which share only {@code io.esteira.core.generate}'s
 * JSON helpers and placeholders, so no generator package depends back on the one that runs it.
 */
package io.esteira.core.artifacts;
