package io.esteira.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.MlflowSettings.RequirementKind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value formats, at their edges. */
class FormatsTest {

  @ParameterizedTest
  @ValueSource(strings = {"ab", "recsys", "a1", "vehicle-recommendation-system-v2", "a-b-c"})
  void projectNamesThatFitEveryAwsName(String name) {
    assertThat(Formats.projectName(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "1abc",
        "-abc",
        "abc-",
        "Abc",
        "a_b",
        "a.b",
        "vehicle-recommendation-system-v02"
      })
  void projectNamesThatDoNot(String name) {
    assertThat(Formats.projectName(name)).isPresent();
  }

  @ParameterizedTest
  @CsvSource({
    "extract_features,true",
    "s1,true",
    "a,true",
    "_a,false",
    "Extract,false",
    "a-b,false"
  })
  void stepIds(String id, boolean valid) {
    assertThat(Formats.stepId(id).isEmpty()).isEqualTo(valid);
    assertThat(Formats.stepId("a".repeat(64))).isEmpty();
    assertThat(Formats.stepId("a".repeat(65))).isPresent();
  }

  @ParameterizedTest
  @CsvSource({
    "DB_PASSWORD,true",
    "db_password_file,true",
    "GITHUB_TOKEN,true",
    "TOKENIZER,true",
    "CLIENT_SECRET,true",
    "API_KEY,true",
    "api_key,true",
    "KEYBOARD,false",
    "KEY_ID,false",
    "MONKEY,false",
    "LOG_LEVEL,false"
  })
  void namesThatLookSecret(String name, boolean secret) {
    assertThat(Formats.looksSecret(name)).isEqualTo(secret);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/recsys/prd/db-password",
        "recsys.db_password",
        "arn:aws:ssm:sa-east-1:123456789012:parameter/recsys/db",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:recsys/db-AbCdEf",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:recsys/db-AbCdEf:password::",
        "arn:aws-cn:ssm:cn-north-1:123456789012:parameter/x"
      })
  void secretReferencesEcsAccepts(String ref) {
    assertThat(Formats.secretReference(ref)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "my password",
        "/aws/reserved",
        "ssm-param",
        "arn:aws:s3:::bucket",
        "arn:aws:ssm:sa-east-1:12345:parameter/x",
        "arn:aws:ssm:sa-east-1:123456789012:document/x",
        "arn:aws:secretsmanager:us-east-1:123456789012:recsys",
        "arn:aws:secretsmanager::123456789012:secret:x"
      })
  void secretReferencesEcsRefuses(String ref) {
    assertThat(Formats.secretReference(ref)).isPresent();
  }

  @ParameterizedTest
  @CsvSource({
    "ml-team@rentcars.com,true",
    "first.last+tag@sub.example.com.br,true",
    "oncall,false",
    "a@b,false",
    "a b@example.com,false",
    "@example.com,false",
    "x@-example.com,false"
  })
  void emails(String address, boolean valid) {
    assertThat(Formats.email(address)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "Staging,STAGE,Staging", "production,STAGE,Production", "NONE,STAGE,None",
    "archived,STAGE,Archived", "@champion,ALIAS,champion", "@blue-green_2,ALIAS,blue-green_2"
  })
  void requirements(String text, RequirementKind kind, String value) {
    Formats.Requirement r = Formats.requirement(text);
    assertThat(r.valid()).isTrue();
    assertThat(r.kind()).isEqualTo(kind);
    assertThat(r.value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Prod", "@", "@latest", "@v3", "@with space", "champion"})
  void invalidRequirements(String text) {
    assertThat(Formats.requirement(text).valid()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "memory_gbs,memory_gb", "shedule,schedule", "timout_seconds,timeout_seconds",
    "ec2type,ec2_type", "Project_Name,project_name", "retires,retries"
  })
  void didYouMeanFindsTypos(String typo, String meant) {
    List<String> keys =
        List.of(
            "memory_gb",
            "schedule",
            "timeout_seconds",
            "ec2_type",
            "project_name",
            "retries",
            "cpu");
    assertThat(DidYouMean.closest(typo, keys)).contains(meant);
  }

  @ParameterizedTest
  @ValueSource(strings = {"image", "gpu", "steps", "notifications"})
  void didYouMeanStaysQuietForOtherWords(String word) {
    assertThat(DidYouMean.closest(word, List.of("id", "name", "command", "resources", "cpu")))
        .isEmpty();
  }
}
