/**
 * What every resource reconciler works with: the {@link io.esteira.deploy.reconcile.DeployContext}
 * of one project's plan or deploy (clients, account, platform, project, the values earlier
 * resources produced), its AWS {@link io.esteira.deploy.reconcile.DeployNames} and tags.
 *
 * <p>The reconcilers in {@code io.esteira.deploy.resources} and the orchestration in {@code
 * io.esteira.deploy} both depend on this package, and it on neither, so the two do not depend on
 * each other in a circle.
 */
package io.esteira.deploy.reconcile;
