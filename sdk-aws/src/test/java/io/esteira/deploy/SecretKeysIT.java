package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.deploy.testing.Moto;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets under a customer-managed KMS key: the deploy reads each secret's key (DescribeSecret,
 * DescribeParameters) and lets the task execution role decrypt with that key only, through Secrets
 * Manager or SSM only; AWS managed keys need no grant; a secret it cannot read is a warning, not a
 * failed deploy. Against moto_server, which keeps the key a secret or parameter was created with.
 */
class SecretKeysIT {

  private static final Path ORIGIN = Path.of("../examples/yaml-only/src/projects/recsys");
  private static final String KEY =
      "arn:aws:kms:us-east-1:" + Moto.ACCOUNT_ID + ":key/0b0b0b0b-1111-2222-3333-444444444444";

  @TempDir Path dir;

  private AwsClients aws;
  private MotoAccount account;

  @BeforeEach
  void account() {
    aws = Moto.clients();
    account = MotoAccount.prepare(aws, "recsys-1.0.0");
  }

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void theExecutionRoleMayDecryptWithTheSecretsCustomerManagedKeysOnlyThroughTheirServices()
      throws Exception {
    String database =
        aws.secretsManager()
            .createSecret(r -> r.name("recsys-db").secretString("{}").kmsKeyId(KEY))
            .arn();
    String plain =
        aws.secretsManager().createSecret(r -> r.name("recsys-plain").secretString("x")).arn();
    aws.ssm()
        .putParameter(
            r -> r.name("/recsys/token").value("x").type("SecureString").keyId("alias/team"));
    aws.ssm().putParameter(r -> r.name("/recsys/plain").value("x").type("SecureString"));
    String missing = "arn:aws:secretsmanager:us-east-1:" + Moto.ACCOUNT_ID + ":secret:gone";
    Path project = dir.resolve("recsys");
    Files.createDirectories(project);
    Files.writeString(
        project.resolve("config.yaml"),
        Files.readString(ORIGIN.resolve("config.yaml"))
            .replace(
                "\nbatch:",
                "  secrets:\n"
                    + "    DB_PASSWORD: \""
                    + database
                    + ":password::\"\n"
                    + "    PLAIN_SECRET: \""
                    + plain
                    + "\"\n"
                    + "    API_TOKEN: \"/recsys/token\"\n"
                    + "    PLAIN_PARAMETER: \"arn:aws:ssm:us-east-1:"
                    + Moto.ACCOUNT_ID
                    + ":parameter/recsys/plain\"\n"
                    + "    GONE: \""
                    + missing
                    + "\"\n\nbatch:"));
    ProjectLoader.Loaded loaded = ProjectLoader.load(List.of(project), "prd", Path::toString);
    assertThat(loaded.hasErrors()).as(loaded.diagnostics().toString()).isFalse();
    List<DeployableProject> projects = loaded.projects();
    RecordingListener listener = new RecordingListener();

    Deployer.Result result =
        new Deployer(aws, account.platform(false), listener)
            .run(projects, new Deployer.Options("prd", Map.of(), "c0ffee", true, 1), true);

    assertThat(result.ok()).as(listener.failures.toString()).isTrue();
    assertThat(listener.warnings)
        .singleElement()
        .asString()
        .startsWith("recsys: the KMS key of secret " + missing + " could not be read")
        .contains("kms:Decrypt");
    JsonNode policy =
        new ObjectMapper()
            .readTree(
                URLDecoder.decode(
                    aws.iam()
                        .getRolePolicy(
                            r -> r.roleName("esteira-recsys-execution").policyName("esteira"))
                        .policyDocument(),
                    StandardCharsets.UTF_8));
    List<JsonNode> decrypt = new ArrayList<>();
    policy
        .path("Statement")
        .forEach(
            s -> {
              if (s.path("Action").toString().contains("kms:Decrypt")) {
                decrypt.add(s);
              }
            });
    assertThat(decrypt).hasSize(2);
    assertThat(decrypt.get(0).path("Resource").toString()).isEqualTo("[\"" + KEY + "\"]");
    assertThat(decrypt.get(0).path("Condition").path("StringEquals").path("kms:ViaService"))
        .extracting(JsonNode::asText)
        .containsExactly("secretsmanager.us-east-1.amazonaws.com", "ssm.us-east-1.amazonaws.com");
    assertThat(decrypt.get(1).path("Resource").toString())
        .isEqualTo("[\"arn:aws:kms:us-east-1:" + Moto.ACCOUNT_ID + ":key/*\"]");
    assertThat(
            decrypt
                .get(1)
                .path("Condition")
                .path("ForAnyValue:StringEquals")
                .path("kms:ResourceAliases")
                .toString())
        .isEqualTo("[\"alias/team\"]");
    assertThat(policy.toString()).doesNotContain("alias/aws");
  }
}
