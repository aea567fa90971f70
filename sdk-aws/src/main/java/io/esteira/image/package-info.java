/**
 * Building and pushing each project's image without a Docker daemon: {@code JavaImageBuilder} (Jib)
 * for Java pipelines, {@code DockerfileImageBuilder} (buildah, else Docker) for projects with a
 * Dockerfile. Both take an {@link ImageRequest} and give a {@link BuiltImage}, whose digest is what
 * a deploy pins; {@code docs/images.md} describes the layouts, tags and permissions.
 */
package io.esteira.image;
