package io.esteira.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.diagnostics.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Steps checked against Esteira's real instance table. The figures come from {@code
 * InstanceType.registeredMemoryMiB()}: a t3.xlarge (4 vCPU, 16,384 MiB) registers floor(16,384 ×
 * 0.94) − 256 = 15,144 MiB, that is 14.789 GiB; a t3.2xlarge (8 vCPU, 32,768 MiB) registers 30,545.
 */
class InstanceFitTest {

  private static List<Diagnostic> resolve(String ec2Type, String cpu, String memoryGb) {
    String yaml =
        """
        project_name: recsys
        version: "1"
        batch:
          pipeline:
            steps:
              - id: score
                command: run
                resources:
                  cpu: %s
                  memory_gb: %s
        infra:
          compute:
            ec2_type: %s
        """
            .formatted(cpu, memoryGb, ec2Type);
    return ConfigTesting.load(yaml).resolve("dev").diagnostics();
  }

  @Test
  void aStepReservingExactlyWhatTheInstanceRegistersFits() {
    // 14.789 GiB is 15,143.9 MiB, rounded to 15,144: the whole registered memory
    assertThat(resolve("t3.xlarge", "4", "14.789")).isEmpty();
  }

  @Test
  void oneMebibyteMoreDoesNotFitAndTheMessageGivesTheFiguresAndALargerType() {
    // 14.79 GiB is 15,145 MiB
    List<Diagnostic> found = resolve("t3.xlarge", "4", "14.79");

    assertThat(found)
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-STEP-DOES-NOT-FIT 10:22");
    assertThat(found.get(0).text())
        .contains(
            "14.79 GiB (15,145 MiB)",
            "registers only 15,144 MiB",
            "of its 16,384 MiB",
            "set memory_gb to at most 14.78",
            "such as t3.2xlarge");
  }

  @Test
  void aStepAskingForAllOfAnInstancesNominalMemoryDoesNotFit() {
    assertThat(resolve("t3.xlarge", "1", "16"))
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-STEP-DOES-NOT-FIT 10:22");
  }

  @Test
  void cpuFitsUpToTheInstancesVcpusAndNoFurther() {
    assertThat(resolve("t3.xlarge", "4", "2")).isEmpty();

    List<Diagnostic> found = resolve("t3.xlarge", "4.5", "2");
    assertThat(found)
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-STEP-DOES-NOT-FIT 9:16");
    assertThat(found.get(0).text())
        .contains(
            "4.5 vCPU (4,608 CPU units)",
            "an instance of type t3.xlarge (infra.compute.ec2_type at config.yaml:13:15) has 4 vCPU"
                + " (4,096 units)",
            "set cpu to at most 4",
            "such as t3.2xlarge");
  }

  @Test
  void aStepThatOutgrowsTheFamilySuggestsTheSmallestTypeThatFits() {
    // 30 GiB is over a t3.2xlarge's 30,545 MiB, and no t3 is larger; of the 64 GiB types, the
    // 8-vCPU r5.2xlarge and r6i.2xlarge are the smallest, and r5 comes first by name
    List<Diagnostic> found = resolve("t3.2xlarge", "2", "30");

    assertThat(found).hasSize(1);
    assertThat(found.get(0).text()).contains("such as r5.2xlarge");
  }

  @Test
  void aStepOffAGpuTypeIsNotSentToOne() {
    // 10 vCPU and 31 GiB need a 16-vCPU, 64 GiB type; g4dn.4xlarge ties with m5.4xlarge on both
    // and sorts first, but its GPU would only add cost to a step that did not ask for one
    List<Diagnostic> found = resolve("t3.2xlarge", "10", "31");

    assertThat(found).hasSize(2);
    assertThat(found).allSatisfy(d -> assertThat(d.text()).contains("such as m5.4xlarge"));
  }

  @Test
  void aStepOnAGpuTypeIsSentToALargerGpuType() {
    // g4dn.metal is the largest g4dn; a larger step needs more than its 96 vCPU
    List<Diagnostic> found = resolve("g4dn.metal", "100", "8");

    assertThat(found).hasSize(1);
    assertThat(found.get(0).text()).contains("such as g5.48xlarge");
  }

  @Test
  void aStepTooLargeForEveryTypeIsToldToSplit() {
    List<Diagnostic> found = resolve("m5.large", "1", "2000");

    assertThat(found).hasSize(1);
    assertThat(found.get(0).text()).contains("split the step");
  }

  @Test
  void theDefaultMemoryIsNamedAsTheDefault() {
    String yaml =
        "project_name: recsys\nversion: \"1\"\nbatch:\n  pipeline:\n    steps:\n"
            + "      - id: a\n        command: run\ninfra:\n  compute:\n    ec2_type: t3.small\n";
    List<Diagnostic> found = ConfigTesting.load(yaml).resolve("dev").diagnostics();

    // a t3.small registers floor(2,048 × 0.94) − 256 = 1,669 MiB, under the default 2 GiB
    assertThat(found)
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-STEP-DOES-NOT-FIT 6:13");
    assertThat(found.get(0).text())
        .contains("2 GiB (2,048 MiB) of memory (the default)", "registers only 1,669 MiB");
  }

  private static Loaded withType(String type) {
    return ConfigLoader.parse(
        "config.yaml",
        "project_name: recsys\nversion: \"1\"\nbatch:\n  pipeline:\n    steps:\n"
            + "      - id: a\n        command: run\ninfra:\n  compute:\n    ec2_type: "
            + type
            + "\n");
  }

  @Test
  void aMisspeltSizeIsAnErrorWithASuggestion() {
    Loaded loaded = withType("t3.xlarg");

    assertThat(loaded.diagnostics())
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-INSTANCE-TYPE-NAME 10:15");
    assertThat(loaded.diagnostics().get(0).isError()).isTrue();
    assertThat(loaded.diagnostics().get(0).text()).contains("did you mean 't3.xlarge'?");
  }

  @Test
  void aSizeNoEc2TypeHasIsAnErrorAndSoIsANameWithoutASize() {
    assertThat(withType("t3.superxl").diagnostics())
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-INSTANCE-TYPE-NAME 10:15");
    assertThat(withType("t3").diagnostics())
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-INSTANCE-TYPE-NAME 10:15");
  }

  @Test
  void aFamilyEsteiraDoesNotListIsOnlyAWarning() {
    for (String type :
        new String[] {"m8g.xlarge", "c7i-flex.large", "u-6tb1.metal", "c7i.metal-24xl"}) {
      Loaded loaded = withType(type);
      assertThat(loaded.diagnostics())
          .as(type)
          .allSatisfy(d -> assertThat(d.isError()).isFalse())
          .extracting(Diagnostic::code)
          .containsAnyOf("ESTEIRA-CONFIG-UNKNOWN-INSTANCE-TYPE");
    }
  }
}
