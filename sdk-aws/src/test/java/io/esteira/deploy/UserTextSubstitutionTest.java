package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.PlaceholderSites.Artifact;
import io.esteira.core.generate.Placeholders;
import io.esteira.core.generate.asl.AslValidatorSupport;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.PlatformReader;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.deploy.project.Substitution;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.reconcile.ProjectImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A project whose commands, variables, names and description hold {@code ${...}} text of their own
 * ({@code projects/shell-text}): the deployer fills only the generator's placeholders, and the
 * user's text reaches the task definition and the container overrides exactly as written.
 */
class UserTextSubstitutionTest {

  static final Path SHELL_TEXT = Path.of("src", "test", "resources", "projects", "shell-text");

  private static final String ACCOUNT = "123456789012";

  private DeployableProject project;
  private Substitution substitution;

  static DeployableProject shellText(String environment) throws IOException {
    ProjectLoader.Loaded loaded =
        ProjectLoader.load(List.of(SHELL_TEXT), environment, Path::toString);
    assertThat(loaded.diagnostics()).isEmpty();
    return loaded.projects().get(0);
  }

  @BeforeEach
  void fill() throws IOException {
    project = shellText("prd");
    PlatformReader.Result read =
        PlatformReader.parse(
            """
            region: eu-west-1
            network: {vpc_id: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]}
            ecr: {repository: ml-pipelines}
            environments:
              prd:
                mlflow: {tracking_uri: 'https://m.example.com', s3_endpoint_url: 'https://s3.example.com'}
            """,
            "platform.yaml");
    Platform platform = read.platform().orElseThrow();
    DeployContext context =
        new DeployContext(null, ACCOUNT, "aws", platform, project, ProjectImage.given("i"), "");
    for (String arn :
        List.of(
            Placeholders.EXECUTION_ROLE_ARN,
            Placeholders.TASK_ROLE_ARN,
            Placeholders.TASK_DEFINITION_ARN,
            Placeholders.STATE_MACHINE_ARN,
            Placeholders.SCHEDULER_ROLE_ARN,
            Placeholders.FAILURE_TOPIC_ARN,
            Placeholders.SUCCESS_TOPIC_ARN)) {
      context.output(arn, "arn:aws:test:eu-west-1:" + ACCOUNT + ":" + arn.substring(2, 6));
    }
    context.output(Placeholders.SECURITY_GROUPS, "sg-0a1b2c3d");
    substitution = Artifacts.substitution(context);
  }

  private static List<List<String>> commands(JsonNode asl) {
    List<List<String>> commands = new ArrayList<>();
    for (JsonNode command : asl.findValues("Command")) {
      List<String> words = new ArrayList<>();
      command.forEach(word -> words.add(word.asText()));
      commands.add(words);
    }
    return commands;
  }

  private static String lastWord(List<String> command) {
    return command.get(command.size() - 1);
  }

  private static JsonNode read(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode stateMachine() {
    return substitution.fill(Artifact.STATE_MACHINE, project.stateMachine().orElseThrow());
  }

  @Test
  void anAccountIdInACommandIsTheCommandsOwnText() {
    List<String> last = commands(stateMachine()).stream().map(c -> lastWord(c)).toList();

    assertThat(last).contains("echo ${AccountId} > out.txt");
    assertThat(Json.writeCompact(stateMachine())).doesNotContain("echo " + ACCOUNT);
  }

  @Test
  void aCommandThatIsExactlyTheSubnetsListStaysOneWord() {
    JsonNode filled = stateMachine();

    List<List<String>> commands = commands(filled);
    assertThat(commands)
        .anySatisfy(command -> assertThat(lastWord(command)).isEqualTo("${Subnets}"));
    assertThat(commands)
        .as("the generator's own commands, word for word")
        .isEqualTo(commands(read(project.stateMachine().orElseThrow())));
    assertThat(filled.at("/States/Pipeline settings/Assign/network/AwsvpcConfiguration/Subnets"))
        .containsExactly(TextNode.valueOf("subnet-0a1b2c3d"), TextNode.valueOf("subnet-4e5f6a7b"));
  }

  @Test
  void aShellVariableInACommandIsNoPlaceholderOfTheDeployer() {
    List<String> found = new ArrayList<>();
    found.addAll(Substitution.placeholdersIn(Artifact.TASK_DEFINITION, project.taskDefinition()));
    found.addAll(
        Substitution.placeholdersIn(Artifact.STATE_MACHINE, project.stateMachine().orElseThrow()));
    found.addAll(Substitution.placeholdersIn(Artifact.SCHEDULE, project.schedule().orElseThrow()));

    assertThat(Artifacts.KNOWN).containsAll(found);
    assertThat(found).doesNotContain("${ENV}", "${HOME:-/root}");
    assertThat(commands(stateMachine()))
        .anySatisfy(
            command -> assertThat(lastWord(command)).isEqualTo("echo ${ENV} ${HOME:-/root}"));
  }

  @Test
  void variablesNamesAndDescriptionsKeepTheirTextAndEveryGeneratorPlaceholderIsFilled() {
    JsonNode task = substitution.fill(Artifact.TASK_DEFINITION, project.taskDefinition());
    JsonNode schedule = substitution.fill(Artifact.SCHEDULE, project.schedule().orElseThrow());
    JsonNode machine = stateMachine();

    JsonNode environment = task.at("/containerDefinitions/0/environment");
    assertThat(environment.findValuesAsText("value"))
        .contains("${AccountId}", "s3://${ArtifactsBucket}/mine", "https://m.example.com");
    assertThat(schedule.path("Description").asText())
        .contains("Runs in ${Region} for ${AccountId}");
    assertThat(schedule.at("/Target/Arn").asText()).startsWith("arn:aws:test:");
    assertThat(task.at("/containerDefinitions/1/image").asText()).doesNotContain("${");
    assertThat(task.at("/containerDefinitions/1/environment").findValuesAsText("value"))
        .contains("eu-west-1");
    for (JsonNode filled : List.of(task, schedule, machine)) {
      String text = Json.writeCompact(filled);
      for (String placeholder : Artifacts.KNOWN) {
        if (!placeholder.equals(Placeholders.ACCOUNT_ID)
            && !placeholder.equals(Placeholders.REGION)
            && !placeholder.equals(Placeholders.SUBNETS)
            && !placeholder.equals(Placeholders.ARTIFACTS_BUCKET)) {
          assertThat(text).as(placeholder).doesNotContain(placeholder);
        }
      }
    }
    AslValidatorSupport.assertValid("shell-text prd", machine);
  }
}
