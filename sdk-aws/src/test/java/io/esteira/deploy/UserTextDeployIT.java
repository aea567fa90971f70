package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.testing.AwsCalls;
import io.esteira.deploy.testing.Moto;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Deploys the {@code projects/shell-text} fixture (commands and variables holding {@code
 * ${AccountId}}, {@code ${Subnets}}, {@code ${ENV}}) to moto_server: the checks pass, the deploy
 * succeeds, and the registered task definition and state machine carry the user's text as written.
 */
class UserTextDeployIT {

  private final AwsCalls calls = new AwsCalls();
  private AwsClients aws;
  private MotoAccount account;

  @BeforeEach
  void account() {
    aws = Moto.clients(calls);
    account = MotoAccount.prepare(aws, "shelltext-1.0.0");
  }

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void userTextReachesTheTaskDefinitionAndTheContainerOverridesAsWritten() throws Exception {
    RecordingListener listener = new RecordingListener();
    Deployer.Result result =
        new Deployer(aws, account.platform(false), listener)
            .run(
                List.of(UserTextSubstitutionTest.shellText("prd")),
                new Deployer.Options("prd", java.util.Map.of(), "abc1234", true, 1),
                true);

    assertThat(result.problems()).isEmpty();
    assertThat(listener.failures).isEmpty();
    assertThat(result.ok()).isTrue();
    TaskDefinition td =
        aws.ecs().describeTaskDefinition(r -> r.taskDefinition("shelltext")).taskDefinition();
    assertThat(td.containerDefinitions().get(0).environment())
        .extracting(KeyValuePair::value)
        .contains("${AccountId}", "s3://${ArtifactsBucket}/mine");
    String machineArn =
        "arn:aws:states:"
            + Moto.REGION
            + ":"
            + Moto.ACCOUNT_ID
            + ":stateMachine:shelltext-workflow";
    JsonNode definition =
        Json.mapper()
            .readTree(
                aws.sfn().describeStateMachine(r -> r.stateMachineArn(machineArn)).definition());
    List<String> lastWords = new ArrayList<>();
    for (JsonNode command : definition.findValues("Command")) {
      lastWords.add(command.get(command.size() - 1).asText());
    }
    assertThat(lastWords)
        .contains("echo ${AccountId} > out.txt", "${Subnets}", "echo ${ENV} ${HOME:-/root}");
    assertThat(
            definition.at("/States/Pipeline settings/Assign/network/AwsvpcConfiguration/Subnets"))
        .extracting(JsonNode::asText)
        .containsExactlyElementsOf(account.subnets);
  }
}
