package io.esteira.runtime.store;

import io.esteira.diagnostics.Message;

/**
 * The messages about step data: names, inputs and outputs, and what a store holds. A catalogue of
 * its own rather than entries of {@code io.esteira.runtime.RuntimeMessage} because the step context
 * ({@code io.esteira}) reports them and the runtime package depends on the context, so using that
 * catalogue here would make the packages of esteira-api a cycle. Codes are stable and unique across
 * every catalogue.
 */
public enum StoreMessage implements Message {
  DATA_BAD_NAME(
      "%s '%s' is not a valid name: %s; a name is a relative file path of segments made of"
          + " letters, digits, '.', '_' and '-', separated by '/', with no '.' or '..' segment and"
          + " at most 200 characters, such as features.csv or reports/metrics.json"),
  DATA_BAD_STEP(
      "'%s' is not a step id: %s; give the id of the step that stores the output, such as"
          + " extract_features"),
  DATA_BAD_INPUT(
      "input '%s' is not <step>/<name>; write the producing step's id, '/', and the output's"
          + " name, such as extract_features/features.csv"),
  DATA_NOT_UPSTREAM(
      "step '%s' is not upstream of '%s' (its upstream steps: %s), so its outputs may not exist"
          + " when '%2$s' runs; declare @Step(after = \"%1$s\") on '%2$s' (depends_on: [%1$s] in"
          + " config.yaml)"),
  DATA_SAME_LANDING(
      "inputs %s and %s would both land at %s; a step cannot read two inputs of the same name,"
          + " so rename the output of one of the producing steps"),
  DATA_NO_STORE(
      "no run store is set (ESTEIRA_STORE is not set), so input %s/%s cannot be fetched; run"
          + " the pipeline with esteira run, or set ESTEIRA_STORE to the run's store root, such"
          + " as file:/tmp/run/artifacts/"),
  DATA_MISSING_ITEM(
      "step '%s' stored no output '%s' in this run (%s; %s); check that '%1$s' declares '%2$s'"
          + " as an output (@Step(outputs) or outputs: in config.yaml) or asks for it with"
          + " ctx.output, and that it succeeded in this run"),
  DATA_MISSING_OUTPUT(
      "step '%s' succeeded but its output '%s' is not a file in its work directory %s; write it"
          + " there (ctx.output(\"%2$s\") gives the path), or stop declaring it"),
  ;

  private final String template;

  StoreMessage(String template) {
    this.template = template;
  }

  @Override
  public String template() {
    return template;
  }

  /** The text with its code first, as an exception's message: {@code [ESTEIRA-...] ...}. */
  public String describe(Object... args) {
    return "[" + code() + "] " + format(args);
  }
}
