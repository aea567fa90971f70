package io.esteira.deploy.resources.ecr;

import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.reconcile.ProjectImage;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;

/**
 * The tag {@code live-<project>-<env>} on the image a project's environment runs, moved to the
 * digest being deployed before the task definition names it. The repository's lifecycle policy
 * never expires an image with a {@code live-} tag ({@link RepositoryReconciler}), so the image a
 * task definition runs stays however many images are pushed after it, and even when its version tag
 * was moved to a rebuilt image.
 *
 * <p>Moving a tag is {@code PutImage} with the image's own manifest, read with {@code
 * BatchGetImage}: ECR adds the tag to the image whose digest the manifest has (Amazon ECR user
 * guide, "Retagging an image"). For an image not built yet (a plan before {@code esteira image
 * build --push}), the item only says so.
 */
public final class LiveImageTagReconciler implements Reconciler {

  static final String KIND = "ECR image tag";

  /** Every manifest type a pushed image may have: Docker v2 and OCI, single and multi-platform. */
  static final List<String> MANIFEST_TYPES =
      List.of(
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.oci.image.index.v1+json");

  private final DeployContext context;
  private final EcrClient ecr;

  public LiveImageTagReconciler(DeployContext context) {
    this.context = context;
    this.ecr = context.aws().ecr();
  }

  @Override
  public Planned plan() {
    String repository = context.platform().ecrRepository();
    String tag = context.names().liveImageTag();
    String project = context.project().name();
    String name = repository + ":" + tag;
    ProjectImage image = context.projectImage();
    Optional<String> now = EcrImages.digestOf(ecr, repository, tag);
    if (image.digest().isEmpty()) {
      return Planned.unchanged(
          new PlanItem(project, KIND, name, PlanItem.Action.NO_CHANGE, List.of())
              .withNotes(
                  List.of(
                      "the image "
                          + image.uri()
                          + " is not in ECR yet: the deploy after esteira image build --push"
                          + " tags its digest")));
    }
    String digest = image.digest().get();
    Diff diff = new Diff().field("image", now.orElse(null), digest);
    PlanItem item = PlanItem.of(project, KIND, name, now.isPresent(), diff.changes());
    if (!item.changesSomething()) {
      return Planned.unchanged(item);
    }
    return new Planned(item, () -> tag(repository, digest, tag));
  }

  private void tag(String repository, String digest, String tag) {
    Image image =
        ecr
            .batchGetImage(
                r ->
                    r.repositoryName(repository)
                        .imageIds(id -> id.imageDigest(digest))
                        .acceptedMediaTypes(MANIFEST_TYPES))
            .images()
            .stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the image " + digest + " is no longer in ECR repository " + repository));
    try {
      ecr.putImage(
          r ->
              r.repositoryName(repository)
                  .imageManifest(image.imageManifest())
                  .imageManifestMediaType(image.imageManifestMediaType())
                  .imageTag(tag));
    } catch (ImageAlreadyExistsException e) {
      // Another deploy tagged the same image in the meantime: the tag is where it should be.
    }
  }
}
