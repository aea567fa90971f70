package io.esteira.core.model;

import io.esteira.core.model.MlflowSettings.ModelGate;
import io.esteira.core.model.MlflowSettings.RequirementKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-built models for generator tests, which need no YAML and no compiler. {@link #seed} is the
 * origin document's {@code recsys} example as the config loader resolves it.
 */
public final class TestModels {

  private TestModels() {}

  /** The origin's recsys example resolved for {@code environment}. */
  public static PipelineModel seed(String environment) {
    return builder("recsys")
        .description("Sistema de recomendação de veículos")
        .environment(environment)
        .step(
            command(
                "extract_features",
                "Extract Features",
                "python steps/extract_features.py",
                1.0,
                4,
                2))
        .step(
            command("score_model", "Score Model", "python steps/score_model.py", 2.0, 8, 2)
                .dependsOn("extract_features"))
        .schedule(
            new Schedule(
                environment.equals("prd"), "0 3 * * *", "cron(0 3 * * ? *)", "UTC", 3600, 2))
        .build();
  }

  /** A builder of a pipeline named {@code project} with the seed's defaults elsewhere. */
  public static Builder builder(String project) {
    return new Builder(project);
  }

  /** A command step with these resources, timeout 3600 s and {@code retries} retries. */
  public static StepBuilder command(
      String id, String name, String command, double cpu, double memoryGb, int retries) {
    return new StepBuilder(id, name, new StepAction.Command(command), cpu, memoryGb, retries);
  }

  /** A command step {@code echo <id>} with 1 vCPU and 2 GiB, no retries. */
  public static StepBuilder step(String id) {
    return command(id, null, "echo " + id, 1.0, 2.0, 0);
  }

  /** Builds a {@link StepModel}. */
  public static final class StepBuilder {
    private final String id;
    private final String name;
    private StepAction action;
    private Resources resources;
    private int timeoutSeconds = 3600;
    private int retries;
    private RetryPolicy retry;
    private final List<String> dependsOn = new ArrayList<>();
    private final List<StepInput> inputs = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();

    private StepBuilder(
        String id, String name, StepAction action, double cpu, double memoryGb, int retries) {
      this.id = id;
      this.name = name;
      this.action = action;
      this.resources = new Resources(cpu, memoryGb);
      this.retries = retries;
    }

    public StepBuilder dependsOn(String... ids) {
      dependsOn.addAll(List.of(ids));
      return this;
    }

    /** Adds inputs, each written {@code <step>/<name>}. */
    public StepBuilder inputs(String... written) {
      for (String input : written) {
        int slash = input.indexOf('/');
        inputs.add(new StepInput(input.substring(0, slash), input.substring(slash + 1)));
      }
      return this;
    }

    public StepBuilder outputs(String... names) {
      outputs.addAll(List.of(names));
      return this;
    }

    /** Replaces the step's action, for a Java method step. */
    public StepBuilder action(StepAction action) {
      this.action = action;
      return this;
    }

    public StepBuilder timeoutSeconds(int seconds) {
      this.timeoutSeconds = seconds;
      return this;
    }

    public StepBuilder retries(int retries) {
      this.retries = retries;
      return this;
    }

    /** Replaces the step's retry policy (the default is {@link RetryPolicy#forStep}). */
    public StepBuilder retry(RetryPolicy retry) {
      this.retry = retry;
      return this;
    }

    public StepBuilder resources(double cpu, double memoryGb) {
      this.resources = new Resources(cpu, memoryGb);
      return this;
    }

    public StepModel build() {
      return new StepModel(
          id,
          name,
          action,
          resources,
          timeoutSeconds,
          retry != null ? retry : RetryPolicy.forStep(retries),
          RetryPolicy.forInfrastructure(),
          dependsOn,
          inputs,
          outputs);
    }
  }

  /** Builds a {@link PipelineModel}; unset parts take the seed example's values. */
  public static final class Builder {
    private final String project;
    private String description = "";
    private String version = "1.0.0";
    private String environment = "dev";
    private final Map<String, String> owners = new LinkedHashMap<>();
    private final List<StepModel> steps = new ArrayList<>();
    private Schedule schedule = new Schedule(false, "", "", "UTC", 3600, 0);
    private final Map<String, String> envVars = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private Infra infra = new Infra("ec2", "t3.xlarge", 0, 2, true);
    private Notifications notifications =
        new Notifications(
            List.of("ml-team@rentcars.com"),
            List.of("ml-team@rentcars.com", "oncall@rentcars.com"));
    private List<ModelGate> models = List.of();
    private boolean batchEnabled = true;

    private Builder(String project) {
      this.project = project;
      owners.put("business_owner", "produto@rentcars.com");
      owners.put("tech_owner", "ml-team@rentcars.com");
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    public Builder step(StepBuilder step) {
      steps.add(step.build());
      return this;
    }

    public Builder step(StepModel step) {
      steps.add(step);
      return this;
    }

    public Builder schedule(Schedule schedule) {
      this.schedule = schedule;
      return this;
    }

    public Builder envVar(String name, String value) {
      envVars.put(name, value);
      return this;
    }

    public Builder secret(String name, String reference) {
      secrets.put(name, reference);
      return this;
    }

    public Builder infra(Infra infra) {
      this.infra = infra;
      return this;
    }

    public Builder notifications(Notifications notifications) {
      this.notifications = notifications;
      return this;
    }

    public Builder model(String name, RequirementKind kind, String value) {
      models = new ArrayList<>(models);
      models.add(new ModelGate(name, kind, value));
      return this;
    }

    public Builder batchEnabled(boolean enabled) {
      this.batchEnabled = enabled;
      return this;
    }

    public PipelineModel build() {
      Map<String, String> vars = new LinkedHashMap<>(envVars);
      vars.put("ENV", environment);
      return new PipelineModel(
          project,
          description,
          version,
          environment,
          owners,
          steps,
          schedule,
          new RuntimeSettings("3.11", "requirements.txt", vars, secrets),
          infra,
          notifications,
          new MlflowSettings(project, models),
          new Batch(batchEnabled, Batch.STEP_FUNCTIONS));
    }
  }
}
