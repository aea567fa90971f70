package io.esteira.core.registry;

import java.util.Map;

/**
 * The origin document's registry picture, built through the API on the real server: recsys v1..v4
 * with v3 in Production and v4 in Staging; churn v1 in Production and v2 Archived. Names get a
 * unique suffix, as the server's store outlives test runs.
 *
 * @param recsys the recsys model's name
 * @param churn the churn model's name
 */
public record OriginRegistry(String recsys, String churn) {

  static final ModelRegistry.Actor SETUP = new ModelRegistry.Actor("setup", "0000000");

  /** Builds the picture with a registry of this mode. */
  public static OriginRegistry build(ModelRegistry registry) {
    MlflowHttp http = registry.http();
    String recsys = MlflowTestServer.unique("recsys");
    String churn = MlflowTestServer.unique("churn");
    for (int i = 1; i <= 4; i++) {
      String run =
          MlflowTestServer.run(http, Map.of("rmse", 1.0 - i / 10.0, "ndcg_at_10", 0.5 + i / 100.0));
      registry.register(recsys, run, "runs:/" + run + "/model");
    }
    registry.promote(recsys, 3, PromotionTarget.stage("Production"), SETUP);
    registry.promote(recsys, 4, PromotionTarget.stage("Staging"), SETUP);
    for (int i = 1; i <= 2; i++) {
      String run = MlflowTestServer.run(http, Map.of("auc", 0.8 + i / 100.0));
      registry.register(churn, run, "runs:/" + run + "/model");
    }
    registry.promote(churn, 2, PromotionTarget.stage("Production"), SETUP);
    registry.promote(churn, 1, PromotionTarget.stage("Production"), SETUP);
    return new OriginRegistry(recsys, churn);
  }
}
